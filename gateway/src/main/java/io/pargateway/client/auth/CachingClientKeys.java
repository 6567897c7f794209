package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.client.ClientId;
import io.pargateway.client.RegisteredClient;
import io.pargateway.config.ClientAuthenticationConfig.JwksConfig;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients' keys: inline ones as registered, {@code jwks_uri} ones fetched and cached per client.
 *
 * <ul>
 *   <li>A fetched set is used for {@code cache_seconds}; the next request after that fetches again.
 *   <li>{@code refresh} (an unknown {@code kid}) fetches again before that.
 *   <li>Either way, at most one fetch per client starts in {@code refresh_min_interval_seconds},
 *       and callers that ask while one is under way share it.
 *   <li>When a fetch fails (down, slow, too large, not a JWK Set), the last good set is kept and
 *       used; without one the client cannot authenticate until a fetch succeeds.
 * </ul>
 *
 * <p>Thread-safe: one instance, with one HTTP client, serves every event loop of the process, so
 * that the limits above hold per client and process rather than per event loop. A caller's future
 * completes on the caller's own context, whichever event loop ran the shared fetch.
 */
final class CachingClientKeys implements ClientKeySource {

  private static final Logger LOG = LoggerFactory.getLogger(CachingClientKeys.class);

  private final ClientKeySource inline = new InlineClientKeys();
  private final HttpClient httpClient;
  private final JwksFetcher fetcher;
  private final long cacheNanos;
  private final long minIntervalNanos;
  private final LongSupplier clock;
  private final ConcurrentMap<ClientId, Entry> entries = new ConcurrentHashMap<>();

  /** What is known of one client's {@code jwks_uri}; guarded by itself. */
  private static final class Entry {
    JWKSet keys;
    long fetchedAt;
    boolean attempted;
    long attemptedAt;
    Future<JWKSet> inFlight;
  }

  CachingClientKeys(Vertx vertx, HttpClient httpClient, JwksConfig config, LongSupplier clock) {
    this.httpClient = requireNonNull(httpClient, "httpClient");
    this.fetcher = new JwksFetcher(vertx, httpClient, config);
    this.cacheNanos = TimeUnit.SECONDS.toNanos(config.cacheSeconds());
    this.minIntervalNanos = TimeUnit.SECONDS.toNanos(config.refreshMinIntervalSeconds());
    this.clock = requireNonNull(clock, "clock");
  }

  static CachingClientKeys create(Vertx vertx, JwksConfig config) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.fetchTimeoutMs()))
            // Servers of JWK Sets are many and each is asked rarely: no connection is kept.
            .setKeepAlive(false);
    return new CachingClientKeys(
        vertx,
        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(8)),
        config,
        System::nanoTime);
  }

  @Override
  public Future<JWKSet> keys(RegisteredClient client, boolean refresh) {
    if (client.keys().jwksUri().isEmpty()) {
      return inline.keys(client, refresh);
    }
    URI uri = client.keys().jwksUri().get();
    Entry entry = entries.computeIfAbsent(client.id(), id -> new Entry());
    Future<JWKSet> shared;
    synchronized (entry) {
      long now = clock.getAsLong();
      if (entry.inFlight != null) {
        shared = entry.inFlight;
      } else if (entry.keys != null && !refresh && now - entry.fetchedAt < cacheNanos) {
        return Future.succeededFuture(entry.keys);
      } else if (entry.attempted && now - entry.attemptedAt < minIntervalNanos) {
        // Fetched or tried too recently to fetch again: what there is.
        return current(entry, client.id());
      } else {
        entry.attempted = true;
        entry.attemptedAt = now;
        shared = fetch(entry, client.id(), uri);
        if (!shared.isComplete()) {
          entry.inFlight = shared;
        }
      }
    }
    return onCallerContext(shared);
  }

  private Future<JWKSet> fetch(Entry entry, ClientId clientId, URI uri) {
    return fetcher
        .fetch(uri)
        .transform(
            fetched -> {
              synchronized (entry) {
                entry.inFlight = null;
                if (fetched.succeeded()) {
                  entry.keys = fetched.result();
                  entry.fetchedAt = clock.getAsLong();
                  LOG.debug(
                      "fetched jwks_uri of client {}: {} usable key(s)",
                      clientId,
                      entry.keys.size());
                  return Future.succeededFuture(entry.keys);
                }
                LOG.warn(
                    "jwks_uri of client {} could not be fetched ({}); {}",
                    clientId,
                    fetched.cause().getMessage(),
                    entry.keys == null ? "it has no keys yet" : "keeping the last good set");
                return current(entry, clientId);
              }
            });
  }

  private static Future<JWKSet> current(Entry entry, ClientId clientId) {
    if (entry.keys != null) {
      return Future.succeededFuture(entry.keys);
    }
    return Future.failedFuture(
        OAuthException.invalidClient("client authentication failed", null)
            .withDetail("no keys from the jwks_uri of client " + clientId + " yet"));
  }

  /**
   * {@code shared} as seen from the caller's context: a fetch runs on the context of the caller
   * that started it, and the others continue on their own event loop.
   */
  private static <T> Future<T> onCallerContext(Future<T> shared) {
    Context caller = Vertx.currentContext();
    if (caller == null || shared.isComplete()) {
      return shared;
    }
    Promise<T> promise = Promise.promise();
    shared.onComplete(
        result -> {
          if (Vertx.currentContext() == caller) {
            promise.handle(result);
          } else {
            caller.runOnContext(v -> promise.handle(result));
          }
        });
    return promise.future();
  }

  @Override
  public Future<Void> close() {
    return httpClient.close();
  }
}
