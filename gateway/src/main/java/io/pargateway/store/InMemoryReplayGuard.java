package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;

/**
 * Assertion {@code jti} values in this process, on a Caffeine cache with an expiry per entry.
 *
 * <p>The cache has no size bound of its own: Caffeine's size eviction may drop a value that has not
 * expired (its admission policy can even turn a new one away at once), which would let that
 * assertion be replayed. Instead, a full set refuses new values, so that the request fails closed
 * with 503. Recording is one {@code putIfAbsent}, atomic in Caffeine, which treats an expired entry
 * as absent.
 *
 * <p>Thread-safe: one instance serves every event loop. Every operation completes at once.
 */
final class InMemoryReplayGuard implements ReplayGuard {

  private record Key(ClientId client, String jti) {}

  private final long maxEntries;
  private final Ticker ticker;
  private final Clock clock;
  private final Cache<Key, Long> seen;

  InMemoryReplayGuard(long maxEntries) {
    this(maxEntries, Ticker.systemTicker(), Clock.systemUTC());
  }

  /** With {@code ticker} and {@code clock} moved together by tests. */
  InMemoryReplayGuard(long maxEntries, Ticker ticker, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
    this.ticker = requireNonNull(ticker, "ticker");
    this.clock = requireNonNull(clock, "clock");
    // Maintenance (expiry) on the calling thread, not a common-pool thread woken for every write.
    this.seen =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfter(new UntilDeadline())
            .executor(Runnable::run)
            .build();
  }

  @Override
  public Future<Boolean> firstUse(ClientId client, String jti, Instant expiresAt) {
    requireNonNull(client, "client");
    ReplayGuards.requireValidJti(jti);
    requireNonNull(expiresAt, "expiresAt");
    if (isFull()) {
      return Future.failedFuture(
          new StoreUnavailableException(
              "the in-memory replay set holds " + maxEntries + " values", null));
    }
    long deadline = ticker.read() + ReplayGuards.ttl(clock.instant(), expiresAt).toNanos();
    return Future.succeededFuture(seen.asMap().putIfAbsent(new Key(client, jti), deadline) == null);
  }

  private boolean isFull() {
    if (seen.estimatedSize() < maxEntries) {
      return false;
    }
    // Expired values may still be counted until Caffeine's maintenance has run.
    seen.cleanUp();
    return seen.estimatedSize() >= maxEntries;
  }

  @Override
  public Future<Void> close() {
    seen.invalidateAll();
    seen.cleanUp();
    return Future.succeededFuture();
  }

  /** Each value lives until the deadline it was recorded with. */
  private static final class UntilDeadline implements Expiry<Key, Long> {

    @Override
    public long expireAfterCreate(Key key, Long deadline, long currentTime) {
      return Math.max(0, deadline - currentTime);
    }

    @Override
    public long expireAfterUpdate(Key key, Long deadline, long currentTime, long currentDuration) {
      return Math.max(0, deadline - currentTime);
    }

    @Override
    public long expireAfterRead(Key key, Long deadline, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
