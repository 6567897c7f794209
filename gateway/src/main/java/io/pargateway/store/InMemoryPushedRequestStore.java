package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
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
 * <p>Up to {@code maxEntries} requests live for their whole lifetime, long enough for the garbage
 * collector to trace them again and again, so an entry is kept small and in few objects: the key is
 * one string, the value the stored form ({@link PushedRequestCodec}, UTF-8 bytes), and the deadline
 * is Caffeine's own. Cache maintenance (eviction, expiry) runs on the calling thread instead of
 * waking a pool thread for every write.
 */
final class InMemoryPushedRequestStore implements PushedRequestStore {

  private final Cache<String, byte[]> cache;
  private final VarExpiration<String, byte[]> expiry;

  InMemoryPushedRequestStore(long maxEntries) {
    this(maxEntries, Ticker.systemTicker());
  }

  /** With {@code ticker} as the clock for expiry, so that tests can move time. */
  InMemoryPushedRequestStore(long maxEntries, Ticker ticker) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    requireNonNull(ticker, "ticker");
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .ticker(ticker)
            // Every entry is written with its own lifetime (put); this default never applies.
            .expireAfter(Expiry.<String, byte[]>writing((key, value) -> Duration.ZERO))
            .executor(Runnable::run)
            .build();
    this.expiry = cache.policy().expireVariably().orElseThrow();
  }

  @Override
  public Future<Void> put(RequestUri uri, PushedRequest request, Duration ttl) {
    requireNonNull(uri, "uri");
    requireNonNull(request, "request");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    byte[] encoded = PushedRequestCodec.encode(request);
    // Caffeine treats an expired entry as absent, so only a live one blocks the write.
    if (expiry.putIfAbsent(key(uri, request.clientId()), encoded, ttl) != null) {
      return Future.failedFuture(new IllegalStateException("request_uri already in use"));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<PushedRequest> redeem(RequestUri uri, ClientId clientId) {
    requireNonNull(uri, "uri");
    requireNonNull(clientId, "clientId");
    // One atomic removal: of several callers at most one gets the entry. Caffeine hands out no
    // entry past its time to live, even one it has not evicted yet.
    byte[] encoded = cache.asMap().remove(key(uri, clientId));
    if (encoded == null) {
      return Future.succeededFuture(null);
    }
    try {
      return Future.succeededFuture(PushedRequestCodec.decode(encoded));
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

  /** The reference, then the client id: a reference never contains a space. */
  private static String key(RequestUri uri, ClientId clientId) {
    return uri.reference() + ' ' + clientId.value();
  }
}
