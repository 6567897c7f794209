package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.Pushes;
import io.pargateway.testing.Replicas;
import io.pargateway.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas (separate Vert.x instances, as separate pods would be) sharing one real
 * Redis: what one stores the other redeems, and one request_uri is redeemed exactly once however
 * many callers race for it on both replicas.
 */
class ReplicasTest {

  private static Replicas replicas;

  @BeforeAll
  static void start() {
    replicas = Replicas.start(options -> options);
  }

  @AfterAll
  static void stop() {
    replicas.close();
  }

  @Test
  void pushedOnOneReplicaThenRedeemedOnTheOther() {
    String requestUri = Pushes.pushForRequestUri(replicas.a());
    assertThat(
            Http.get(Pushes.authorizeUrl(replicas.b(), TestConfigs.BASIC_CLIENT, requestUri))
                .statusCode())
        .isEqualTo(302);
    assertThat(
            Http.get(Pushes.authorizeUrl(replicas.a(), TestConfigs.BASIC_CLIENT, requestUri))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void concurrentRedemptionOnBothReplicasThenExactlyOneWins() throws Exception {
    int callers = 40;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      for (int round = 0; round < 5; round++) {
        String requestUri = Pushes.pushForRequestUri(round % 2 == 0 ? replicas.a() : replicas.b());
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          Gateway target = i % 2 == 0 ? replicas.a() : replicas.b();
          racers.add(
              () ->
                  Http.get(Pushes.authorizeUrl(target, TestConfigs.BASIC_CLIENT, requestUri))
                      .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(racers)) {
          statuses.add(status.get());
        }
        assertThat(statuses).filteredOn(s -> s == 302).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(callers - 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
