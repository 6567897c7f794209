package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.client.ClientId;
import io.pargateway.testing.RedisServerFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisReplayGuardTest extends ReplayGuardContractTest {

  @RegisterExtension static final RedisServerFixture REDIS = new RedisServerFixture();

  private static final String PREFIX = "test:";
  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(2_000);

  @Override
  ReplayGuard open(Vertx vertx) {
    return ReplayGuard.redis(vertx, options(REDIS.connectionString()));
  }

  private static RedisStoreOptions options(String connectionString) {
    return new RedisStoreOptions(connectionString, PREFIX, 100, COMMAND_TIMEOUT);
  }

  @Test
  void whenRecordedThenKeyNamesClientAndJtiAndExpiresAtTheExpiry(
      Vertx vertx, VertxTestContext testContext) {
    Redis inspector = Redis.createClient(vertx, REDIS.connectionString());
    String jti = newJti();
    Instant expiry = Instant.now().plusSeconds(120);
    String key = PREFIX + "jti:{client%7Bx%7D}:" + jti;
    guard
        .firstUse(new ClientId("client{x}"), jti, expiry)
        .compose(first -> inspector.send(Request.cmd(Command.PTTL).arg(key)))
        .eventually(inspector::close)
        .onComplete(
            testContext.succeeding(
                pttl ->
                    testContext.verify(
                        () -> {
                          // PTTL is -2 for a missing key and -1 for one without expiry.
                          assertThat(pttl.toLong()).isBetween(115_000L, 120_000L);
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenNothingListensThenUnavailableWithinTheCommandTimeout(
      Vertx vertx, VertxTestContext testContext) {
    ReplayGuard down = openOn(vertx, "redis://127.0.0.1:" + RedisServerFixture.freeLocalPort());
    long start = System.nanoTime();
    down.firstUse(CLIENT, newJti(), inAMinute())
        .onComplete(
            testContext.failing(
                failure ->
                    testContext.verify(
                        () -> {
                          assertThat(failure)
                              .isInstanceOf(StoreUnavailableException.class)
                              .hasMessage("Redis failed SET");
                          assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                              .isLessThan(COMMAND_TIMEOUT.toMillis() + 1_000);
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenStoresShareOneClientThenBothWorkAndCloseOnce(Vertx vertx, VertxTestContext testContext) {
    Stores stores = Stores.redis(vertx, options(REDIS.connectionString()));
    RequestUri uri = RequestUri.generate(new java.security.SecureRandom());
    String jti = newJti();
    stores
        .requests()
        .put(uri, new PushedRequest(CLIENT, java.util.Map.of("a", "b")), Duration.ofMinutes(1))
        .compose(stored -> stores.replays().firstUse(CLIENT, jti, inAMinute()))
        .compose(
            first -> {
              testContext.verify(() -> assertThat(first).isTrue());
              // Closing one store leaves the shared client to the owner.
              return stores.replays().close();
            })
        .compose(closed -> stores.requests().redeem(uri, CLIENT))
        .compose(
            redeemed -> {
              testContext.verify(() -> assertThat(redeemed).isNotNull());
              return stores.close();
            })
        .onComplete(testContext.succeedingThenComplete());
  }

  private ReplayGuard openOn(Vertx vertx, String connectionString) {
    return track(ReplayGuard.redis(vertx, options(connectionString)));
  }
}
