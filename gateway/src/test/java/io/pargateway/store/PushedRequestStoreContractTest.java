package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link PushedRequestStore}, which every implementation passes: a subclass says
 * how to open a store.
 */
@ExtendWith(VertxExtension.class)
abstract class PushedRequestStoreContractTest {

  static final ClientId CLIENT = new ClientId("client-a");
  static final ClientId OTHER_CLIENT = new ClientId("client-b");
  static final Duration TTL = Duration.ofSeconds(60);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CONCURRENT_REDEMPTIONS = 50;

  private final List<PushedRequestStore> opened = new ArrayList<>();

  /** The store under test, opened before each test. */
  PushedRequestStore store;

  /**
   * Opens a store on the backend shared by this test: each call stands for one more replica (for a
   * store that lives in one process, it may be the same instance).
   */
  abstract PushedRequestStore open(Vertx vertx);

  @BeforeEach
  void openStore(Vertx vertx) {
    store = openTracked(vertx);
  }

  @AfterEach
  void closeStores(VertxTestContext testContext) {
    List<Future<Void>> closing = new ArrayList<>();
    for (PushedRequestStore opened : opened) {
      closing.add(opened.close());
    }
    Future.all(closing).onComplete(testContext.succeedingThenComplete());
  }

  PushedRequestStore openTracked(Vertx vertx) {
    return trackStore(open(vertx));
  }

  /** Closes {@code store} after the test. */
  PushedRequestStore trackStore(PushedRequestStore store) {
    opened.add(store);
    return store;
  }

  static RequestUri newUri() {
    return RequestUri.generate(RANDOM);
  }

  /** Parameters in an order that is neither sorted nor hash order, with characters to escape. */
  static Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("scope", "openid profile");
    parameters.put("response_type", "code");
    parameters.put("redirect_uri", "https://app.example/cb?x=1&y=\"2\"");
    parameters.put("state", "\u00e9t\u00e9 \u2603 \\ /");
    parameters.put("code_challenge_method", "S256");
    parameters.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    parameters.put("client_id", CLIENT.value());
    parameters.put("claims", "{\"id_token\":{\"acr\":null}}");
    return parameters;
  }

  static PushedRequest request() {
    return new PushedRequest(CLIENT, parameters());
  }

  /** The failure of {@code future}, or a failed future when it succeeded. */
  static Future<Throwable> failureOf(Future<?> future) {
    return future.transform(
        result ->
            result.succeeded()
                ? Future.failedFuture(new AssertionError("expected a failure, got a success"))
                : Future.succeededFuture(result.cause()));
  }

  @Test
  void whenPutThenRedeemReturnsSameClientAndParametersInOrder(VertxTestContext testContext) {
    RequestUri uri = newUri();
    store
        .put(uri, request(), TTL)
        .compose(stored -> store.redeem(uri, CLIENT))
        .onComplete(
            testContext.succeeding(
                found ->
                    testContext.verify(
                        () -> {
                          assertThat(found).isNotNull();
                          assertThat(found.clientId()).isEqualTo(CLIENT);
                          assertThat(found.parameters()).containsExactlyEntriesOf(parameters());
                          assertThat(new ArrayList<>(found.parameters().keySet()))
                              .isEqualTo(new ArrayList<>(parameters().keySet()));
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenRedeemedTwiceThenSecondIsNull(VertxTestContext testContext) {
    RequestUri uri = newUri();
    store
        .put(uri, request(), TTL)
        .compose(stored -> store.redeem(uri, CLIENT))
        .compose(
            first -> {
              testContext.verify(() -> assertThat(first).isNotNull());
              return store.redeem(uri, CLIENT);
            })
        .onComplete(
            testContext.succeeding(
                second ->
                    testContext.verify(
                        () -> {
                          assertThat(second).isNull();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenOtherClientRedeemsThenNullAndRequestStaysForItsClient(VertxTestContext testContext) {
    RequestUri uri = newUri();
    store
        .put(uri, request(), TTL)
        .compose(stored -> store.redeem(uri, OTHER_CLIENT))
        .compose(
            foreign -> {
              testContext.verify(() -> assertThat(foreign).isNull());
              return store.redeem(uri, CLIENT);
            })
        .onComplete(
            testContext.succeeding(
                own ->
                    testContext.verify(
                        () -> {
                          assertThat(own).isNotNull();
                          assertThat(own.clientId()).isEqualTo(CLIENT);
                          assertThat(own.parameters()).containsExactlyEntriesOf(parameters());
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenRequestUriUnknownThenNull(VertxTestContext testContext) {
    store
        .put(newUri(), request(), TTL)
        .compose(stored -> store.redeem(newUri(), CLIENT))
        .onComplete(
            testContext.succeeding(
                found ->
                    testContext.verify(
                        () -> {
                          assertThat(found).isNull();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenTtlPassedThenNull(Vertx vertx, VertxTestContext testContext) {
    Duration shortTtl = Duration.ofMillis(500);
    RequestUri redeemedAtOnce = newUri();
    RequestUri redeemedLate = newUri();
    store
        .put(redeemedAtOnce, request(), shortTtl)
        .compose(stored -> store.put(redeemedLate, request(), shortTtl))
        .compose(stored -> store.redeem(redeemedAtOnce, CLIENT))
        .compose(
            beforeExpiry -> {
              testContext.verify(() -> assertThat(beforeExpiry).isNotNull());
              return vertx.timer(shortTtl.toMillis() * 2, TimeUnit.MILLISECONDS);
            })
        .compose(elapsed -> store.redeem(redeemedLate, CLIENT))
        .onComplete(
            testContext.succeeding(
                afterExpiry ->
                    testContext.verify(
                        () -> {
                          assertThat(afterExpiry).isNull();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenPutTwiceThenIllegalStateAndFirstRequestIntact(VertxTestContext testContext) {
    RequestUri uri = newUri();
    PushedRequest second = new PushedRequest(CLIENT, Map.of("response_type", "token"));
    store
        .put(uri, request(), TTL)
        .compose(stored -> failureOf(store.put(uri, second, TTL)))
        .compose(
            failure -> {
              testContext.verify(
                  () ->
                      assertThat(failure)
                          .isInstanceOf(IllegalStateException.class)
                          .hasMessage("request_uri already in use"));
              return store.redeem(uri, CLIENT);
            })
        .onComplete(
            testContext.succeeding(
                found ->
                    testContext.verify(
                        () -> {
                          assertThat(found).isNotNull();
                          assertThat(found.parameters()).containsExactlyEntriesOf(parameters());
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenSameReferencePushedByTwoClientsThenEachRedeemsOnlyItsOwn(VertxTestContext testContext) {
    RequestUri uri = newUri();
    PushedRequest other = new PushedRequest(OTHER_CLIENT, Map.of("response_type", "code id_token"));
    store
        .put(uri, request(), TTL)
        .compose(stored -> store.put(uri, other, TTL))
        .compose(stored -> store.redeem(uri, OTHER_CLIENT))
        .compose(
            otherFound -> {
              testContext.verify(() -> assertThat(otherFound).isEqualTo(other));
              return store.redeem(uri, CLIENT);
            })
        .onComplete(
            testContext.succeeding(
                found ->
                    testContext.verify(
                        () -> {
                          assertThat(found).isEqualTo(request());
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenManyRedeemAtOnceThenExactlyOneGetsTheRequest(Vertx vertx, VertxTestContext testContext) {
    List<PushedRequestStore> replicas = List.of(store, openTracked(vertx));
    RequestUri uri = newUri();
    store
        .put(uri, request(), TTL)
        .compose(stored -> vertx.executeBlocking(() -> redeemAtOnce(replicas, uri)))
        .compose(Future::all)
        .onComplete(
            testContext.succeeding(
                all ->
                    testContext.verify(
                        () -> {
                          List<PushedRequest> results = all.list();
                          assertThat(results).hasSize(CONCURRENT_REDEMPTIONS);
                          assertThat(results.stream().filter(Objects::nonNull))
                              .containsExactly(request());
                          testContext.completeNow();
                        })));
  }

  /** Starts every redemption from its own pool thread at the same moment, spread over replicas. */
  private static List<Future<PushedRequest>> redeemAtOnce(
      List<PushedRequestStore> replicas, RequestUri uri) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_REDEMPTIONS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<Future<PushedRequest>>> started = new ArrayList<>();
      for (int i = 0; i < CONCURRENT_REDEMPTIONS; i++) {
        PushedRequestStore replica = replicas.get(i % replicas.size());
        started.add(
            threads.submit(
                () -> {
                  go.await();
                  return replica.redeem(uri, CLIENT);
                }));
      }
      go.countDown();
      List<Future<PushedRequest>> redemptions = new ArrayList<>();
      for (java.util.concurrent.Future<Future<PushedRequest>> redemption : started) {
        redemptions.add(redemption.get(10, TimeUnit.SECONDS));
      }
      return redemptions;
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void whenStoreAnswersThenPingSucceeds(VertxTestContext testContext) {
    store.ping().onComplete(testContext.succeedingThenComplete());
  }
}
