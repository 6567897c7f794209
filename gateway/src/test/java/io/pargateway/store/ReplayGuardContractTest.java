package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link ReplayGuard}, which every implementation passes: a subclass says how to
 * open a guard.
 */
@ExtendWith(VertxExtension.class)
abstract class ReplayGuardContractTest {

  static final ClientId CLIENT = new ClientId("client-a");
  static final ClientId OTHER_CLIENT = new ClientId("client-b");

  private static final int CONCURRENT_USES = 50;

  private final List<ReplayGuard> opened = new ArrayList<>();

  /** The guard under test, opened before each test. */
  ReplayGuard guard;

  /**
   * Opens a guard on the backend shared by this test: each call stands for one more replica (for a
   * guard that lives in one process, it may be the same instance).
   */
  abstract ReplayGuard open(Vertx vertx);

  @BeforeEach
  void openGuard(Vertx vertx) {
    guard = openTracked(vertx);
  }

  @AfterEach
  void closeGuards(VertxTestContext testContext) {
    List<Future<Void>> closing = new ArrayList<>();
    for (ReplayGuard replica : opened) {
      closing.add(replica.close());
    }
    Future.all(closing).onComplete(testContext.succeedingThenComplete());
  }

  ReplayGuard openTracked(Vertx vertx) {
    return track(open(vertx));
  }

  /** Closes {@code replica} after the test. */
  ReplayGuard track(ReplayGuard replica) {
    opened.add(replica);
    return replica;
  }

  static String newJti() {
    return UUID.randomUUID().toString();
  }

  static Instant inAMinute() {
    return Instant.now().plus(Duration.ofMinutes(1));
  }

  @Test
  void whenFirstUseThenTrueAndAfterThatFalse(VertxTestContext testContext) {
    String jti = newJti();
    guard
        .firstUse(CLIENT, jti, inAMinute())
        .compose(
            first -> {
              testContext.verify(() -> assertThat(first).isTrue());
              return guard.firstUse(CLIENT, jti, inAMinute());
            })
        .onComplete(
            testContext.succeeding(
                second ->
                    testContext.verify(
                        () -> {
                          assertThat(second).isFalse();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenSameJtiFromTwoClientsThenEachIsAFirstUse(VertxTestContext testContext) {
    String jti = newJti();
    guard
        .firstUse(CLIENT, jti, inAMinute())
        .compose(first -> guard.firstUse(OTHER_CLIENT, jti, inAMinute()))
        .onComplete(
            testContext.succeeding(
                other ->
                    testContext.verify(
                        () -> {
                          assertThat(other).isTrue();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenClientIdAndJtiShareDelimitersThenStillDistinct(VertxTestContext testContext) {
    // "a}:x" + "y" and "a" + "x}:y" would name one key if the parts were joined as they are.
    ClientId braced = new ClientId("a}:x");
    ClientId plain = new ClientId("a");
    guard
        .firstUse(braced, "y", inAMinute())
        .compose(first -> guard.firstUse(plain, "x}:y", inAMinute()))
        .onComplete(
            testContext.succeeding(
                second ->
                    testContext.verify(
                        () -> {
                          assertThat(second).isTrue();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenExpiryPassedThenForgottenAfterAtLeastOneSecond(
      Vertx vertx, VertxTestContext testContext) {
    String jti = newJti();
    // Already expired: kept for the minimum of one second all the same.
    Instant past = Instant.now().minusSeconds(10);
    guard
        .firstUse(CLIENT, jti, past)
        .compose(first -> guard.firstUse(CLIENT, jti, past))
        .compose(
            withinASecond -> {
              testContext.verify(() -> assertThat(withinASecond).isFalse());
              return vertx.timer(1_500, TimeUnit.MILLISECONDS);
            })
        .compose(elapsed -> guard.firstUse(CLIENT, jti, past))
        .onComplete(
            testContext.succeeding(
                later ->
                    testContext.verify(
                        () -> {
                          assertThat(later).isTrue();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenJtiEmptyOrTooLongThenRefusedBeforeTheBackend() {
    assertThatThrownBy(() -> guard.firstUse(CLIENT, "", inAMinute()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> guard.firstUse(CLIENT, "j".repeat(ReplayGuard.MAX_JTI_LENGTH + 1), inAMinute()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenJtiOfMaxLengthThenRecorded(VertxTestContext testContext) {
    guard
        .firstUse(
            CLIENT,
            "j".repeat(ReplayGuard.MAX_JTI_LENGTH - 8) + newJti().substring(0, 8),
            inAMinute())
        .onComplete(
            testContext.succeeding(
                first ->
                    testContext.verify(
                        () -> {
                          assertThat(first).isTrue();
                          testContext.completeNow();
                        })));
  }

  @Test
  void whenManyUseOneJtiAtOnceThenExactlyOneIsFirst(Vertx vertx, VertxTestContext testContext) {
    List<ReplayGuard> replicas = List.of(guard, openTracked(vertx));
    String jti = newJti();
    vertx
        .executeBlocking(() -> useAtOnce(replicas, jti))
        .compose(Future::all)
        .onComplete(
            testContext.succeeding(
                all ->
                    testContext.verify(
                        () -> {
                          List<Boolean> results = all.list();
                          assertThat(results).hasSize(CONCURRENT_USES);
                          assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
                          testContext.completeNow();
                        })));
  }

  /** Starts every use from its own pool thread at the same moment, spread over replicas. */
  private static List<Future<Boolean>> useAtOnce(List<ReplayGuard> replicas, String jti)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_USES);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<Future<Boolean>>> started = new ArrayList<>();
      for (int i = 0; i < CONCURRENT_USES; i++) {
        ReplayGuard replica = replicas.get(i % replicas.size());
        started.add(
            threads.submit(
                () -> {
                  go.await();
                  return replica.firstUse(CLIENT, jti, inAMinute());
                }));
      }
      go.countDown();
      List<Future<Boolean>> uses = new ArrayList<>();
      for (java.util.concurrent.Future<Future<Boolean>> use : started) {
        uses.add(use.get(10, TimeUnit.SECONDS));
      }
      return uses;
    } finally {
      threads.shutdownNow();
    }
  }
}
