package io.pargateway.upstream;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The upstream's discovery documents (OIDC Discovery §4, RFC 8414 §3), fetched on demand, cached
 * briefly, and returned with the PAR metadata of RFC 9126 §5 added. The upstream's {@code issuer}
 * is kept as it is.
 *
 * <p>One instance per event loop; not thread-safe.
 */
public final class DiscoveryDocuments {

  private final Upstream upstream;
  private final URI publicOrigin;
  private final String parEndpoint;
  private final boolean requirePar;
  private final long cacheNanos;
  private final LongSupplier clock;
  private final Map<String, Cached> cache = new HashMap<>();

  private record Cached(Future<Document> document, long expiresAt) {}

  /**
   * A document as the upstream answered it: a non-200 status is passed on with no body rewrite.
   *
   * @param status the upstream's status
   * @param body the augmented document, or {@code null} when the status is not 200
   */
  public record Document(int status, JsonObject body) {}

  public DiscoveryDocuments(
      Upstream upstream,
      URI publicOrigin,
      String parEndpoint,
      boolean requirePar,
      long cacheSeconds,
      LongSupplier clock) {
    this.upstream = requireNonNull(upstream, "upstream");
    this.publicOrigin = requireNonNull(publicOrigin, "publicOrigin");
    this.parEndpoint = requireNonNull(parEndpoint, "parEndpoint");
    this.requirePar = requirePar;
    this.cacheNanos = cacheSeconds * 1_000_000_000L;
    this.clock = requireNonNull(clock, "clock");
  }

  /** The document served at {@code path}. A failed fetch is not cached. */
  public Future<Document> get(String path) {
    long now = clock.getAsLong();
    Cached cached = cache.get(path);
    if (cached != null && now - cached.expiresAt() < 0 && !cached.document().failed()) {
      return cached.document();
    }
    Future<Document> fetched = fetch(path);
    cache.put(path, new Cached(fetched, now + cacheNanos));
    return fetched;
  }

  private Future<Document> fetch(String path) {
    return upstream
        .get(path, publicOrigin)
        .compose(
            response ->
                response
                    .body()
                    .map(
                        body -> {
                          if (response.statusCode() != 200) {
                            return new Document(response.statusCode(), null);
                          }
                          JsonObject document = body.toJsonObject();
                          document.put("pushed_authorization_request_endpoint", parEndpoint);
                          document.put("require_pushed_authorization_requests", requirePar);
                          return new Document(200, document);
                        }));
  }
}
