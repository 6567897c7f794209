package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Pushed requests in this process, on a bounded Caffeine cache with an expiry per entry.
 *
 * <p>Thread-safe: one instance serves every event loop. Entries are keyed by client and reference,
 * so a redemption by another client looks up a different key and cannot consume the request. Every
 * operation completes at once.
 *
 * <p>A request is kept in its stored form ({@link PushedRequestCodec}), one string instead of a map
 * of a dozen small objects: a third of the memory per entry, and far less for the garbage collector
 * to trace while up to {@code maxEntries} of them live for their whole lifetime. Cache maintenance
 * (eviction, expiry) runs on the calling thread instead of waking a pool thread for every write.
 */
final class InMemoryPushedRequestStore implements PushedRequestStore {

  private record Key(ClientId clientId, String reference) {}

  private record Entry(String encoded, long deadlineNanos) {}

  private final Ticker ticker;
  private final Cache<Key, Entry> cache;

  InMemoryPushedRequestStore(long maxEntries) {
    this(maxEntries, Ticker.systemTicker());
  }

  /** With {@code ticker} as the clock for expiry, so that tests can move time. */
  InMemoryPushedRequestStore(long maxEntries, Ticker ticker) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.ticker = requireNonNull(ticker, "ticker");
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            .expireAfter(new UntilDeadline())
            .executor(Runnable::run)
            .build();
  }

  @Override
  public Future<Void> put(RequestUri uri, PushedRequest request, Duration ttl) {
    requireNonNull(uri, "uri");
    requireNonNull(request, "request");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    Key key = new Key(request.clientId(), uri.reference());
    Entry entry = new Entry(PushedRequestCodec.encode(request), ticker.read() + ttl.toNanos());
    // Caffeine treats an expired entry as absent, so only a live one blocks the write.
    if (cache.asMap().putIfAbsent(key, entry) != null) {
      return Future.failedFuture(new IllegalStateException("request_uri already in use"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<PushedRequest> redeem(RequestUri uri, ClientId clientId) {
    requireNonNull(uri, "uri");
    requireNonNull(clientId, "clientId");
    // One atomic removal: of several callers at most one gets the entry.
    Entry entry = cache.asMap().remove(new Key(clientId, uri.reference()));
    if (entry == null || isExpired(entry)) {
      return Future.succeededFuture(null);
    }
    try {
      return Future.succeededFuture(PushedRequestCodec.decode(entry.encoded()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          new IllegalStateException("stored pushed request is unreadable", e));
    }
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    cache.invalidateAll();
    cache.cleanUp();
    return Future.succeededFuture();
  }

  /** Runs Caffeine's pending maintenance now, so that size eviction is visible to tests. */
  void cleanUp() {
    cache.cleanUp();
  }

  /**
   * Caffeine evicts expired entries lazily; checking the deadline again makes sure an entry past
   * its time to live is never handed out.
   */
  private boolean isExpired(Entry entry) {
    return ticker.read() - entry.deadlineNanos() >= 0;
  }

  /** Each entry lives until the deadline its put gave it; reads do not extend it. */
  private static final class UntilDeadline implements Expiry<Key, Entry> {

    @Override
    public long expireAfterCreate(Key key, Entry entry, long currentTime) {
      return Math.max(0, entry.deadlineNanos() - currentTime);
    }

    @Override
    public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
      return Math.max(0, entry.deadlineNanos() - currentTime);
    }

    @Override
    public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
