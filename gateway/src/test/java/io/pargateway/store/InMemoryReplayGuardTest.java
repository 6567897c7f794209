package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest extends ReplayGuardContractTest {

  private ReplayGuard shared;

  /** One process holds one guard, which all its event loops share. */
  @Override
  ReplayGuard open(Vertx vertx) {
    if (shared == null) {
      shared = ReplayGuard.inMemory(1_000);
    }
    return shared;
  }

  /** A ticker and a clock that move together, by hand. */
  private static final class Time {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Instant start = Instant.parse("2025-01-01T00:00:00Z");

    Clock clock() {
      return new Clock() {
        @Override
        public Instant instant() {
          return start.plusNanos(nanos.get());
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };
    }

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }
  }

  @Test
  void whenExpiryReachedThenForgottenWhileOneNanosecondEarlierRemembered() {
    Time time = new Time();
    InMemoryReplayGuard clocked = new InMemoryReplayGuard(100, time.nanos::get, time.clock());
    Instant expiry = time.clock().instant().plusSeconds(30);
    assertThat(clocked.firstUse(CLIENT, "a", expiry).result()).isTrue();
    assertThat(clocked.firstUse(CLIENT, "b", expiry).result()).isTrue();

    time.advance(Duration.ofSeconds(30).minusNanos(1));
    assertThat(clocked.firstUse(CLIENT, "a", expiry).result()).isFalse();

    time.advance(Duration.ofNanos(1));
    assertThat(clocked.firstUse(CLIENT, "b", expiry).result()).isTrue();
  }

  @Test
  void whenFullThenUnavailableRatherThanForgetting() {
    Time time = new Time();
    InMemoryReplayGuard small = new InMemoryReplayGuard(3, time.nanos::get, time.clock());
    Instant expiry = time.clock().instant().plusSeconds(60);
    for (String jti : new String[] {"a", "b", "c"}) {
      assertThat(small.firstUse(CLIENT, jti, expiry).result()).isTrue();
    }

    assertThat(small.firstUse(CLIENT, "d", expiry).cause())
        .isInstanceOf(StoreUnavailableException.class);
    // Nothing was evicted to make room: every value is still remembered.
    assertThat(small.firstUse(CLIENT, "a", expiry).failed()).isTrue();

    time.advance(Duration.ofSeconds(61));
    assertThat(small.firstUse(CLIENT, "d", expiry.plusSeconds(120)).result()).isTrue();
  }

  @Test
  void whenMaxEntriesNotPositiveThenRejected() {
    assertThatThrownBy(() -> ReplayGuard.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
