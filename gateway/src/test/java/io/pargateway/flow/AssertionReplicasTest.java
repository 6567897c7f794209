package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.Gateway;
import io.pargateway.testing.AssertionClients;
import io.pargateway.testing.Replicas;
import io.pargateway.testing.TestAssertions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas (separate Vert.x instances, as separate pods would be) sharing one real
 * Redis: one client assertion is accepted once, whichever replicas it is sent to at once; and when
 * Redis is down, no assertion is accepted.
 */
class AssertionReplicasTest {

  private static Replicas replicas;

  @BeforeAll
  static void start() {
    replicas = Replicas.start(options -> options.withClients(AssertionClients.yaml()));
  }

  @AfterAll
  static void stop() {
    replicas.close();
  }

  private static String assertion() {
    return TestAssertions.assertion(AssertionClients.EC_CLIENT, AssertionClients.ISSUER)
        .sign("ES256", TestAssertions.ecSigner(AssertionClients.EC));
  }

  @Test
  void pushWhenOneJtiSentToTwoReplicasAtOnceThenExactlyOneSucceeds() throws Exception {
    int callers = 2;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      for (int round = 0; round < 10; round++) {
        String assertion = assertion();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> racers = new ArrayList<>();
        for (Gateway replica : List.of(replicas.a(), replicas.b())) {
          racers.add(
              () -> {
                go.await();
                return AssertionClients.push(replica, AssertionClients.EC_CLIENT, assertion);
              });
        }
        List<Future<HttpResponse<String>>> started = new ArrayList<>();
        for (Callable<HttpResponse<String>> racer : racers) {
          started.add(pool.submit(racer));
        }
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> response : started) {
          responses.add(response.get());
        }
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses)
            .filteredOn(r -> r.statusCode() == 401)
            .singleElement()
            .satisfies(
                r ->
                    assertThat(new JsonObject(r.body()).getString("error"))
                        .isEqualTo("invalid_client"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pushWhenManyRaceOneJtiOnBothReplicasThenExactlyOneSucceeds() throws Exception {
    int callers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      String assertion =
          TestAssertions.assertion(AssertionClients.RSA_CLIENT, AssertionClients.ISSUER)
              .sign("PS256", TestAssertions.rsaSigner(AssertionClients.RSA, JWSAlgorithm.PS256));
      List<Callable<Integer>> racers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Gateway target = i % 2 == 0 ? replicas.a() : replicas.b();
        racers.add(
            () ->
                AssertionClients.push(target, AssertionClients.RSA_CLIENT, assertion).statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : pool.invokeAll(racers)) {
        statuses.add(status.get());
      }
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 401).hasSize(callers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pushWhenRedisDownThen503AndTheAssertionNotAccepted() {
    replicas.redis().stop();
    try {
      HttpResponse<String> response =
          AssertionClients.push(replicas.a(), AssertionClients.EC_CLIENT, assertion());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(response.body()).getString("error"))
          .isEqualTo("temporarily_unavailable");
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    } finally {
      replicas.redis().start();
    }
  }
}
