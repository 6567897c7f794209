package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.testing.RedisServerFixture;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPushedRequestStoreTest extends PushedRequestStoreContractTest {

  @RegisterExtension static final RedisServerFixture REDIS = new RedisServerFixture();

  private static final String PREFIX = "test:";
  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

  /** A plain client, to look at what the store wrote. */
  private Redis inspector;

  @Override
  PushedRequestStore open(Vertx vertx) {
    return PushedRequestStore.redis(vertx, options(REDIS.connectionString(), 100));
  }

  private static RedisStoreOptions options(String connectionString, int maxWaitingHandlers) {
    return new RedisStoreOptions(connectionString, PREFIX, maxWaitingHandlers, COMMAND_TIMEOUT);
  }

  @BeforeEach
  void openInspector(Vertx vertx) {
    inspector = Redis.createClient(vertx, REDIS.connectionString());
  }

  @AfterEach
  void closeInspector(VertxTestContext testContext) {
    inspector.close().onComplete(testContext.succeedingThenComplete());
  }

  private static String key(RequestUri uri, String clientId) {
    return PREFIX + "ru:{" + uri.reference() + "}:" + clientId;
  }

  @Test
  void whenPutThenKeyExpiresAfterTheTtl(VertxTestContext testContext) {
    RequestUri uri = newUri();
    store
        .put(uri, request(), TTL)
        .compose(stored -> inspector.send(Request.cmd(Command.PTTL).arg(key(uri, "client-a"))))
        .onComplete(
            testContext.succeeding(
                pttl ->
                    testContext.verify(
                        () -> {
                          // PTTL is -2 for a missing key and -1 for one without expiry.
                          assertThat(pttl.toLong())
                              .isPositive()
                              .isLessThanOrEqualTo(TTL.toMillis())
                              .isGreaterThan(TTL.toMillis() - 5_000);
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenPutThenValueHoldsOnlyClientIdAndParametersInOrder(VertxTestContext testContext) {
    RequestUri uri = newUri();
    store
        .put(uri, request(), TTL)
        .compose(stored -> inspector.send(Request.cmd(Command.GET).arg(key(uri, "client-a"))))
        .onComplete(
            testContext.succeeding(
                value ->
                    testContext.verify(
                        () -> {
                          String json = value.toString();
                          JsonObject stored = new JsonObject(json);
                          assertThat(stored.fieldNames()).containsExactly("c", "p");
                          assertThat(stored.getString("c")).isEqualTo("client-a");
                          assertThat(stored.getJsonObject("p").getMap())
                              .containsExactlyEntriesOf(parameters());
                          assertThat(json)
                              .startsWith(
                                  "{\"c\":\"client-a\",\"p\":{\"scope\":\"openid profile\","
                                      + "\"response_type\":\"code\",")
                              .doesNotContain(uri.reference())
                              .doesNotContain(" : ")
                              .doesNotContain("\n");
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenKeyHoldsAnotherClientsRequestThenNull(VertxTestContext testContext) {
    RequestUri uri = newUri();
    byte[] forged = PushedRequestCodec.encode(request()); // says client-a
    inspector
        .send(Request.cmd(Command.SET).arg(key(uri, "client-b")).arg(forged).arg("PX").arg(60_000))
        .compose(written -> store.redeem(uri, OTHER_CLIENT))
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
  void whenStoredValueUnreadableThenIllegalState(VertxTestContext testContext) {
    RequestUri uri = newUri();
    inspector
        .send(
            Request.cmd(Command.SET)
                .arg(key(uri, "client-a"))
                .arg("not json")
                .arg("PX")
                .arg(60_000))
        .compose(written -> failureOf(store.redeem(uri, CLIENT)))
        .onComplete(
            testContext.succeeding(
                failure ->
                    testContext.verify(
                        () -> {
                          assertThat(failure).isInstanceOf(IllegalStateException.class);
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenRedisAnswersWithErrorThenUnavailable(VertxTestContext testContext) {
    RequestUri uri = newUri();
    // GETDEL on a hash is a WRONGTYPE error reply.
    inspector
        .send(Request.cmd(Command.HSET).arg(key(uri, "client-a")).arg("f").arg("v"))
        .compose(written -> failureOf(store.redeem(uri, CLIENT)))
        .onComplete(
            testContext.succeeding(
                failure ->
                    testContext.verify(
                        () -> {
                          assertThat(failure)
                              .isInstanceOf(StoreUnavailableException.class)
                              .hasMessage("Redis failed GETDEL");
                          assertThat(failure.getCause()).hasMessageContaining("WRONGTYPE");
                          testContext.completeNow();
                        })));
  }

  /**
   * Out of memory, Redis refuses a SET and still runs a GETDEL. A redemption that ran is never
   * reported as failed because a push sent in the same turn was refused: the request would be gone
   * and the client told to try again.
   */
  @Test
  void whenRedisOutOfMemoryThenPushRefusedAndRedemptionInTheSameTurnStillSucceeds(
      VertxTestContext testContext) {
    RequestUri stored = newUri();
    store
        .put(stored, request(), TTL)
        .compose(
            put -> inspector.send(Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg("1")))
        .compose(
            outOfMemory -> {
              // Both from this thread: they reach the store's event loop in the same turn.
              Future<PushedRequest> redeemed = store.redeem(stored, CLIENT);
              Future<Throwable> refused = failureOf(store.put(newUri(), request(), TTL));
              return Future.all(redeemed, refused);
            })
        .eventually(
            () -> inspector.send(Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg("0")))
        .onComplete(
            testContext.succeeding(
                both ->
                    testContext.verify(
                        () -> {
                          PushedRequest found = both.resultAt(0);
                          assertThat(found).isNotNull();
                          assertThat(found.parameters()).containsExactlyEntriesOf(parameters());
                          Throwable failure = both.resultAt(1);
                          assertThat(failure).isInstanceOf(StoreUnavailableException.class);
                          assertThat(failure.getCause()).hasMessageContaining("OOM");
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenNothingListensThenEveryOperationUnavailable(Vertx vertx, VertxTestContext testContext) {
    PushedRequestStore down =
        track(vertx, options("redis://127.0.0.1:" + RedisServerFixture.freeLocalPort(), 100));
    long start = System.nanoTime();
    failuresOfEveryOperation(down)
        .onComplete(
            testContext.succeeding(
                failures ->
                    testContext.verify(
                        () -> {
                          assertThat(failures)
                              .allSatisfy(
                                  failure ->
                                      assertThat(failure)
                                          .isInstanceOf(StoreUnavailableException.class)
                                          .hasCauseInstanceOf(Throwable.class))
                              .extracting(Throwable::getMessage)
                              .containsExactly(
                                  "Redis failed SET", "Redis failed GETDEL", "Redis failed PING");
                          assertThat(millisSince(start)).isLessThan(COMMAND_TIMEOUT.toMillis());
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenRedisNeverAnswersThenUnavailableWithinCommandTimeout(
      Vertx vertx, VertxTestContext testContext) {
    long[] start = new long[1];
    silentServer(vertx)
        .compose(
            server -> {
              start[0] = System.nanoTime();
              return failuresOfEveryOperation(
                  track(vertx, options("redis://127.0.0.1:" + server.actualPort(), 100)));
            })
        .onComplete(
            testContext.succeeding(
                failures ->
                    testContext.verify(
                        () -> {
                          assertThat(failures)
                              .allSatisfy(
                                  failure ->
                                      assertThat(failure)
                                          .isInstanceOf(StoreUnavailableException.class)
                                          .hasCauseInstanceOf(TimeoutException.class))
                              .extracting(Throwable::getMessage)
                              .containsExactly(
                                  "Redis did not answer SET within 500 ms",
                                  "Redis did not answer GETDEL within 500 ms",
                                  "Redis did not answer PING within 500 ms");
                          assertThat(millisSince(start[0]))
                              .isGreaterThanOrEqualTo(COMMAND_TIMEOUT.toMillis() - 50)
                              .isLessThan(COMMAND_TIMEOUT.toMillis() + 1_500);
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenTooManyCommandsWaitThenUnavailableWithoutWaiting(
      Vertx vertx, VertxTestContext testContext) {
    silentServer(vertx)
        .compose(
            server -> {
              PushedRequestStore oneWaiting =
                  track(vertx, options("redis://127.0.0.1:" + server.actualPort(), 1));
              List<Future<Throwable>> failures = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                failures.add(failureOf(oneWaiting.redeem(newUri(), CLIENT)));
              }
              return Future.all(failures).map(CompositeFuture::<Throwable>list);
            })
        .onComplete(
            testContext.succeeding(
                failures ->
                    testContext.verify(
                        () -> {
                          assertThat(failures)
                              .allSatisfy(
                                  failure ->
                                      assertThat(failure)
                                          .isInstanceOf(StoreUnavailableException.class));
                          // One command may wait for its reply; the other nine fail at once
                          // instead of queueing until the timeout.
                          assertThat(failures)
                              .filteredOn(failure -> failure.getCause() instanceof TimeoutException)
                              .hasSize(1);
                          assertThat(failures)
                              .filteredOn(
                                  failure ->
                                      String.valueOf(failure.getCause().getMessage())
                                          .equals("1 commands already wait for Redis"))
                              .hasSize(9);
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenConnectionStringHasPasswordThenNoMessageShowsIt(
      Vertx vertx, VertxTestContext testContext) {
    String secret = "s3cret-Pa55word";
    RedisStoreOptions options =
        options("redis://:" + secret + "@127.0.0.1:" + RedisServerFixture.freeLocalPort(), 100);
    assertThat(options.toString()).doesNotContain(secret);
    failureOf(track(vertx, options).put(newUri(), request(), TTL))
        .onComplete(
            testContext.succeeding(
                failure ->
                    testContext.verify(
                        () -> {
                          assertThat(failure).isInstanceOf(StoreUnavailableException.class);
                          for (Throwable t = failure; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                          }
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenRedisStopsThenUnavailableAndAfterRestartAnswersAgain(
      Vertx vertx, VertxTestContext testContext) {
    RedisServerFixture own = new RedisServerFixture().start();
    PushedRequestStore replica = track(vertx, options(own.connectionString(), 100));
    replica
        .ping()
        .compose(up -> blocking(vertx, own::stop))
        .compose(stopped -> failureOf(replica.ping()))
        .compose(
            failure -> {
              testContext.verify(
                  () -> assertThat(failure).isInstanceOf(StoreUnavailableException.class));
              return blocking(vertx, own::start);
            })
        .compose(started -> pingUntilUp(vertx, replica, 50))
        .eventually(() -> blocking(vertx, own::close))
        .onComplete(testContext.succeedingThenComplete());
  }

  /** put, redeem and ping at once; their failures in that order. */
  private static Future<List<Throwable>> failuresOfEveryOperation(PushedRequestStore store) {
    return Future.all(
            failureOf(store.put(newUri(), request(), TTL)),
            failureOf(store.redeem(newUri(), CLIENT)),
            failureOf(store.ping()))
        .map(CompositeFuture::<Throwable>list);
  }

  private static Future<Void> pingUntilUp(Vertx vertx, PushedRequestStore store, int attempts) {
    return store
        .ping()
        .recover(
            failure ->
                attempts <= 1
                    ? Future.failedFuture(failure)
                    : vertx
                        .timer(100, TimeUnit.MILLISECONDS)
                        .compose(elapsed -> pingUntilUp(vertx, store, attempts - 1)));
  }

  /** Starting and stopping a server blocks, so it runs off the event loop. */
  private static Future<Void> blocking(Vertx vertx, Runnable action) {
    return vertx.executeBlocking(
        () -> {
          action.run();
          return null;
        });
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private PushedRequestStore track(Vertx vertx, RedisStoreOptions options) {
    return trackStore(PushedRequestStore.redis(vertx, options));
  }

  /** A TCP server that accepts connections and never answers. */
  private static Future<NetServer> silentServer(Vertx vertx) {
    return vertx.createNetServer().connectHandler(socket -> {}).listen(0, "127.0.0.1");
  }
}
