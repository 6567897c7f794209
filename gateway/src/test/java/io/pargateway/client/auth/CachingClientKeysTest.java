package io.pargateway.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientId;
import io.pargateway.client.ClientKeys;
import io.pargateway.client.RegisteredClient;
import io.pargateway.config.ClientAuthenticationConfig.JwksConfig;
import io.pargateway.oauth.OAuthException;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestAssertions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys from a {@code jwks_uri} served by a real local HTTP server, with the cache's clock moved by
 * hand: caching, refresh and its rate limit, shared fetches, the last good set, and the bounds on
 * what is read.
 */
class CachingClientKeysTest {

  private static final JWK EC = TestAssertions.ec("ec-1").toPublicJWK();
  private static final JWK EC_ROTATED = TestAssertions.ec("ec-2").toPublicJWK();
  private static final JwksConfig CONFIG = new JwksConfig(300, 10, 1_000, 4_096);

  private static Vertx vertx;
  private static HttpServer server;
  private static final AtomicReference<Handler<HttpServerRequest>> RESPONDER =
      new AtomicReference<>();
  private static final AtomicInteger HITS = new AtomicInteger();

  private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
  private CachingClientKeys keys;

  @BeforeAll
  static void startServer() {
    vertx = Vertx.vertx();
    server =
        Http.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      HITS.incrementAndGet();
                      RESPONDER.get().handle(request);
                    })
                .listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stopServer() {
    Http.await(vertx.close());
  }

  @BeforeEach
  void newSource() {
    HITS.set(0);
    serve(EC);
    keys = new CachingClientKeys(vertx, vertx.createHttpClient(), CONFIG, clock::get);
  }

  private static void serve(JWK... jwks) {
    String body = TestAssertions.jwksJson(jwks);
    RESPONDER.set(
        request ->
            request.response().putHeader("Content-Type", "application/jwk-set+json").end(body));
  }

  private static void respond(int status, String body) {
    RESPONDER.set(request -> request.response().setStatusCode(status).end(body));
  }

  private static RegisteredClient client(String path) {
    return RegisteredClient.builder(new ClientId("uri-client"), AuthMethod.PRIVATE_KEY_JWT)
        .keys(ClientKeys.ofUri(URI.create("http://127.0.0.1:" + server.actualPort() + path)))
        .build();
  }

  private RegisteredClient client() {
    return client("/jwks");
  }

  private JWKSet fetch(boolean refresh) {
    return Http.await(keys.keys(client(), refresh));
  }

  private Throwable failure(boolean refresh) {
    return Http.await(
        keys.keys(client(), refresh).transform(r -> Future.succeededFuture(r.cause())));
  }

  private void advance(Duration duration) {
    clock.addAndGet(duration.toNanos());
  }

  private static List<String> kids(JWKSet set) {
    return set.getKeys().stream().map(JWK::getKeyID).toList();
  }

  @Test
  void whenFetchedThenCachedForCacheSeconds() {
    assertThat(kids(fetch(false))).containsExactly("ec-1");
    fetch(false);
    advance(Duration.ofSeconds(299));
    fetch(false);
    assertThat(HITS).hasValue(1);

    serve(EC_ROTATED);
    advance(Duration.ofSeconds(2));
    assertThat(kids(fetch(false))).containsExactly("ec-2");
    assertThat(HITS).hasValue(2);
  }

  @Test
  void whenRefreshAskedThenFetchedAgainAtMostOncePerMinInterval() {
    fetch(false);
    serve(EC, EC_ROTATED);

    // Within refresh_min_interval_seconds of the first fetch: what there is.
    assertThat(kids(fetch(true))).containsExactly("ec-1");
    assertThat(HITS).hasValue(1);

    advance(Duration.ofSeconds(10));
    assertThat(kids(fetch(true))).containsExactly("ec-1", "ec-2");
    for (int i = 0; i < 5; i++) {
      fetch(true);
    }
    assertThat(HITS).hasValue(2);
  }

  @Test
  void whenManyAskWhileAFetchRunsThenOneFetchServesThemAll() {
    Promise<Void> release = Promise.promise();
    String body = TestAssertions.jwksJson(EC);
    RESPONDER.set(request -> release.future().onComplete(v -> request.response().end(body)));
    List<Future<JWKSet>> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(keys.keys(client(), i % 2 == 0));
    }
    vertx.runOnContext(v -> release.complete());

    assertThat(Http.await(Future.all(waiting)).<JWKSet>list())
        .allSatisfy(set -> assertThat(kids(set)).containsExactly("ec-1"));
    assertThat(HITS).hasValue(1);
  }

  @Test
  void whenCallersOnTwoEventLoopsShareAFetchThenEachContinuesOnItsOwn() throws Exception {
    Promise<Void> release = Promise.promise();
    String body = TestAssertions.jwksJson(EC);
    RESPONDER.set(request -> release.future().onComplete(v -> request.response().end(body)));
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    CompletableFuture<Boolean> firstOnItsOwn = new CompletableFuture<>();
    CompletableFuture<Boolean> secondOnItsOwn = new CompletableFuture<>();
    first.runOnContext(
        v ->
            keys.keys(client(), false)
                .onComplete(r -> firstOnItsOwn.complete(Vertx.currentContext() == first)));
    second.runOnContext(
        v ->
            keys.keys(client(), false)
                .onComplete(r -> secondOnItsOwn.complete(Vertx.currentContext() == second)));
    vertx.setTimer(200, id -> release.complete());

    assertThat(firstOnItsOwn.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(secondOnItsOwn.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(HITS).hasValue(1);
  }

  @Test
  void whenServerStartsFailingThenLastGoodSetKept() {
    fetch(false);
    for (Runnable failing :
        List.<Runnable>of(
            () -> respond(500, "oops"),
            () -> respond(200, "<html>not json</html>"),
            () -> respond(200, "{\"keys\": \"none\"}"),
            () -> respond(404, TestAssertions.jwksJson(EC_ROTATED)))) {
      failing.run();
      advance(Duration.ofSeconds(301));
      assertThat(kids(fetch(false))).containsExactly("ec-1");
      assertThat(kids(fetch(true))).containsExactly("ec-1");
    }
    assertThat(HITS).hasValue(5);
  }

  @Test
  void whenNoGoodSetYetThenInvalidClientAndNoFetchStorm() {
    respond(503, "down");
    assertThat(failure(false))
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.status()).isEqualTo(401));
    for (int i = 0; i < 5; i++) {
      assertThat(failure(true)).isInstanceOf(OAuthException.class);
    }
    assertThat(HITS).hasValue(1);

    serve(EC);
    advance(Duration.ofSeconds(10));
    assertThat(kids(fetch(true))).containsExactly("ec-1");
  }

  @Test
  void whenJwksLargerThanMaxBytesThenRefusedAndTheReadAborted() {
    AtomicBoolean closedByClient = new AtomicBoolean();
    AtomicInteger chunks = new AtomicInteger();
    RESPONDER.set(
        request -> {
          request.connection().closeHandler(v -> closedByClient.set(true));
          request.response().setChunked(true).write("{\"keys\":[");
          // Far more than max_bytes, a kilobyte at a time, until the client goes away.
          long timer =
              vertx.setPeriodic(
                  5,
                  id -> {
                    if (closedByClient.get() || chunks.incrementAndGet() > 2_000) {
                      vertx.cancelTimer(id);
                      return;
                    }
                    request.response().write(Buffer.buffer("x".repeat(1_024)));
                  });
          request.response().exceptionHandler(e -> vertx.cancelTimer(timer));
        });

    assertThat(failure(false)).isInstanceOf(OAuthException.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!closedByClient.get() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(closedByClient).isTrue();
    // max_bytes is 4 KiB: the client stopped after a handful of kilobytes, not two megabytes.
    assertThat(chunks.get()).isLessThan(100);
  }

  @Test
  void whenServerNeverAnswersThenFailsWithinTheFetchTimeout() {
    RESPONDER.set(request -> {});
    long start = System.nanoTime();
    assertThat(failure(false)).isInstanceOf(OAuthException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 3_000L);
  }

  @Test
  void whenRedirectedThenNotFollowed() {
    RESPONDER.set(
        request -> {
          if (request.path().equals("/moved")) {
            request.response().end(TestAssertions.jwksJson(EC));
          } else {
            request.response().setStatusCode(302).putHeader("Location", "/moved").end();
          }
        });
    assertThat(failure(false)).isInstanceOf(OAuthException.class);
    assertThat(HITS).hasValue(1);
  }

  @Test
  void whenKeysUnsuitableThenDroppedAndTheRestKept() throws Exception {
    RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
    JWK encryption =
        new com.nimbusds.jose.jwk.ECKey.Builder(TestAssertions.ec("enc").toPublicJWK())
            .keyUse(KeyUse.ENCRYPTION)
            .build();
    List<Map<String, Object>> members =
        List.of(
            TestAssertions.rsa("private").toJSONObject(),
            weak.toPublicJWK().toJSONObject(),
            new OctetSequenceKeyGenerator(256).keyID("oct").generate().toJSONObject(),
            encryption.toJSONObject(),
            Map.of("kty", "RSA", "kid", "broken", "n", "AQAB"),
            EC.toJSONObject());
    String body = JSONObjectUtils.toJSONString(Map.of("keys", members));
    RESPONDER.set(request -> request.response().end(body));

    assertThat(kids(fetch(false))).containsExactly("ec-1");
  }

  @Test
  void whenInlineKeysThenNoFetch() {
    RegisteredClient inline =
        RegisteredClient.builder(new ClientId("inline"), AuthMethod.PRIVATE_KEY_JWT)
            .keys(ClientKeys.ofInline(new JWKSet(EC)))
            .build();
    assertThat(kids(Http.await(keys.keys(inline, true)))).containsExactly("ec-1");
    assertThat(HITS).hasValue(0);
  }
}
