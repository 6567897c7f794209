package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.RedisServerFixture;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private static RedisServerFixture redis;
  private static UpstreamOp upstream;
  private static Vertx vertxA;
  private static Vertx vertxB;
  private static Gateway replicaA;
  private static Gateway replicaB;

  @BeforeAll
  static void start() {
    redis = new RedisServerFixture().start();
    upstream = UpstreamOp.start();
    TestConfigs.Options options =
        TestConfigs.Options.of(upstream).withRedis(redis.connectionString());
    vertxA = Vertx.vertx();
    vertxB = Vertx.vertx();
    replicaA = Http.await(Gateway.start(vertxA, TestConfigs.config(options)));
    replicaB = Http.await(Gateway.start(vertxB, TestConfigs.config(options)));
  }

  @AfterAll
  static void stop() {
    Http.await(replicaA.stop());
    Http.await(replicaB.stop());
    Http.await(vertxA.close());
    Http.await(vertxB.close());
    upstream.close();
    redis.stop();
  }

  private static String push(Gateway replica) {
    HttpResponse<String> response =
        Http.postForm(
            "http://127.0.0.1:" + replica.port() + "/par",
            Http.form(
                Http.params(
                    "response_type", "code",
                    "redirect_uri", TestConfigs.REDIRECT_URI,
                    "scope", "openid",
                    "code_challenge", CHALLENGE,
                    "code_challenge_method", "S256")),
            new String[] {TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET});
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body()).getString("request_uri");
  }

  private static String authorize(Gateway replica, String requestUri) {
    return "http://127.0.0.1:"
        + replica.port()
        + "/default/authorize?client_id="
        + TestConfigs.BASIC_CLIENT
        + "&request_uri="
        + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
  }

  @Test
  void pushedOnOneReplicaThenRedeemedOnTheOther() {
    String requestUri = push(replicaA);
    assertThat(Http.get(authorize(replicaB, requestUri)).statusCode()).isEqualTo(302);
    assertThat(Http.get(authorize(replicaA, requestUri)).statusCode()).isEqualTo(400);
  }

  @Test
  void concurrentRedemptionOnBothReplicasThenExactlyOneWins() throws Exception {
    int callers = 40;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      for (int round = 0; round < 5; round++) {
        String requestUri = push(round % 2 == 0 ? replicaA : replicaB);
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          Gateway target = i % 2 == 0 ? replicaA : replicaB;
          racers.add(() -> Http.get(authorize(target, requestUri)).statusCode());
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
