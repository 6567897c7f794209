package io.pargateway.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * The headers a reverse proxy adds or drops on the way to the upstream and back.
 *
 * <p>{@code X-Forwarded-Proto} and {@code X-Forwarded-Host} set by an ingress in front of the
 * gateway are kept, so the upstream builds its URLs for the public origin; otherwise they say what
 * the gateway saw. The client address is appended to {@code X-Forwarded-For}.
 */
public final class ForwardedHeaders {

  /** Hop-by-hop headers (RFC 9110 §7.6.1), never forwarded in either direction. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private ForwardedHeaders() {}

  /** Whether {@code name} is a hop-by-hop header, or the body length, which the sender sets. */
  public static boolean isHopByHop(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return HOP_BY_HOP.contains(lower) || lower.equals("content-length");
  }

  /** Adds the {@code X-Forwarded-*} headers for {@code in} to {@code headers}. */
  public static void apply(MultiMap headers, HttpServerRequest in) {
    SocketAddress remote = in.remoteAddress();
    if (remote != null && remote.hostAddress() != null) {
      String prior = headers.get("X-Forwarded-For");
      headers.set(
          "X-Forwarded-For",
          prior == null ? remote.hostAddress() : prior + ", " + remote.hostAddress());
    }
    if (!headers.contains("X-Forwarded-Proto")) {
      headers.set("X-Forwarded-Proto", in.scheme());
    }
    HostAndPort authority = in.authority();
    if (!headers.contains("X-Forwarded-Host") && authority != null) {
      headers.set("X-Forwarded-Host", authority.toString());
    }
  }
}
