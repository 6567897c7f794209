package io.pargateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.pargateway.Gateway;
import io.pargateway.testing.AssertionClients;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestAssertions;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code private_key_jwt} clients whose keys are at a {@code jwks_uri}, served by a real local HTTP
 * server that each test steers and whose hits it counts. The gateway caches a set for 300 s and
 * fetches again on an unknown {@code kid} at most once a second per client.
 */
class JwksUriClientTest {

  private static final ECKey FIRST = TestAssertions.ec("k1");
  private static final ECKey SECOND = TestAssertions.ec("k2");

  private static Vertx vertx;
  private static UpstreamOp upstream;
  private static HttpServer jwksServer;
  private static Gateway gateway;

  /** What each path answers, and how often it was asked. */
  private static final Map<String, Consumer<HttpServerRequest>> ANSWERS = new ConcurrentHashMap<>();

  private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = UpstreamOp.start();
    jwksServer =
        Http.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      HITS.computeIfAbsent(request.path(), p -> new AtomicInteger())
                          .incrementAndGet();
                      ANSWERS
                          .getOrDefault(request.path(), r -> r.response().setStatusCode(404).end())
                          .accept(request);
                    })
                .listen(0, "127.0.0.1"));
    String base = "http://127.0.0.1:" + jwksServer.actualPort();
    String clients =
        AssertionClients.atUri("rotating", base + "/rotating")
            + AssertionClients.atUri("failing", base + "/failing")
            + AssertionClients.atUri("limited", base + "/limited")
            + AssertionClients.atUri("large", base + "/large");
    gateway =
        Http.await(
            Gateway.start(
                vertx,
                TestConfigs.config(
                    TestConfigs.Options.of(upstream)
                        .withClients(clients)
                        .withClientAuthentication(
                            "  jwks:\n"
                                + "    cache_seconds: 300\n"
                                + "    refresh_min_interval_seconds: 1\n"
                                + "    fetch_timeout_ms: 2000\n"
                                + "    max_bytes: 2048\n"))));
  }

  @AfterAll
  static void stop() {
    Http.await(gateway.stop());
    Http.await(vertx.close());
    upstream.close();
  }

  private static void serve(String path, JWK... keys) {
    String body = TestAssertions.jwksJson(keys);
    ANSWERS.put(
        path,
        request ->
            request.response().putHeader("Content-Type", "application/jwk-set+json").end(body));
  }

  private static int hits(String path) {
    return HITS.getOrDefault(path, new AtomicInteger()).get();
  }

  private static HttpResponse<String> push(String clientId, ECKey key) {
    return AssertionClients.push(
        gateway,
        clientId,
        TestAssertions.assertion(clientId, AssertionClients.ISSUER)
            .kid(key.getKeyID())
            .sign("ES256", TestAssertions.ecSigner(key)));
  }

  /** Past the refresh_min_interval_seconds of 1 s. */
  private static void waitPastTheRefreshInterval() throws InterruptedException {
    Thread.sleep(1_100);
  }

  @Test
  void pushWhenKeysFromJwksUriThen201AndCached() {
    serve("/rotating", FIRST);
    assertThat(push("rotating", FIRST).statusCode()).isEqualTo(201);
    assertThat(push("rotating", FIRST).statusCode()).isEqualTo(201);
    assertThat(hits("/rotating")).isEqualTo(1);
  }

  @Test
  void pushWhenKeyRotatedThenUnknownKidFetchesAgainAndTheOldKeyIsGone() throws Exception {
    serve("/rotating", FIRST);
    assertThat(push("rotating", FIRST).statusCode()).isEqualTo(201);
    int before = hits("/rotating");

    serve("/rotating", SECOND);
    waitPastTheRefreshInterval();
    assertThat(push("rotating", SECOND).statusCode()).isEqualTo(201);
    assertThat(hits("/rotating")).isEqualTo(before + 1);
    // k1 is no longer registered; asking again so soon does not fetch.
    assertThat(push("rotating", FIRST).statusCode()).isEqualTo(401);
    assertThat(hits("/rotating")).isEqualTo(before + 1);
  }

  @Test
  void pushWhenJwksUriStartsFailingThenLastGoodSetKept() throws Exception {
    serve("/failing", FIRST);
    assertThat(push("failing", FIRST).statusCode()).isEqualTo(201);

    ANSWERS.put("/failing", request -> request.response().setStatusCode(500).end("down"));
    waitPastTheRefreshInterval();
    // An unknown kid makes the gateway ask; the answer is refused, the old set stays.
    assertThat(push("failing", SECOND).statusCode()).isEqualTo(401);
    assertThat(hits("/failing")).isEqualTo(2);
    assertThat(push("failing", FIRST).statusCode()).isEqualTo(201);

    ANSWERS.put("/failing", request -> request.response().end("<html>maintenance</html>"));
    waitPastTheRefreshInterval();
    assertThat(push("failing", SECOND).statusCode()).isEqualTo(401);
    assertThat(hits("/failing")).isEqualTo(3);
    assertThat(push("failing", FIRST).statusCode()).isEqualTo(201);
  }

  @Test
  void pushWhenUnknownKidsFloodThenFetchesAreRateLimited() throws Exception {
    serve("/limited", FIRST);
    assertThat(push("limited", FIRST).statusCode()).isEqualTo(201);
    assertThat(hits("/limited")).isEqualTo(1);

    // Within the interval of the first fetch: no fetch at all.
    for (int i = 0; i < 5; i++) {
      assertThat(push("limited", SECOND).statusCode()).isEqualTo(401);
    }
    assertThat(hits("/limited")).isEqualTo(1);

    // Past it, many at once: one shared fetch.
    waitPastTheRefreshInterval();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> flood = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        flood.add(() -> push("limited", SECOND).statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(flood)) {
        assertThat(status.get()).isEqualTo(401);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(hits("/limited")).isEqualTo(2);
    assertThat(push("limited", FIRST).statusCode()).isEqualTo(201);
  }

  @Test
  void pushWhenJwksLargerThanMaxBytesThen401() {
    List<JWK> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(i == 0 ? FIRST : TestAssertions.ec("filler-" + i));
    }
    String body = TestAssertions.jwksJson(many.toArray(JWK[]::new));
    assertThat(body.length()).isGreaterThan(2048);
    ANSWERS.put("/large", request -> request.response().end(body));

    HttpResponse<String> response = push("large", FIRST);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("invalid_client");
    assertThat(hits("/large")).isEqualTo(1);
  }
}
