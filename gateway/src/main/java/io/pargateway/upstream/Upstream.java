package io.pargateway.upstream;

import io.pargateway.config.UpstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.URI;

/**
 * The upstream OP as seen from one event loop: an HTTP client bound to its base URL, and relaying
 * of a browser's request to it with the answer streamed back.
 */
public final class Upstream {

  private final HttpClient client;
  private final SocketAddress origin;
  private final long timeoutMs;

  private Upstream(HttpClient client, SocketAddress origin, long timeoutMs) {
    this.client = client;
    this.origin = origin;
    this.timeoutMs = timeoutMs;
  }

  /** A client for {@code config}, on the calling context's event loop. */
  public static Upstream create(Vertx vertx, UpstreamConfig config) {
    URI base = URI.create(config.baseUrl());
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    HttpClientOptions options =
        new HttpClientOptions()
            .setDefaultHost(base.getHost())
            .setDefaultPort(port)
            .setSsl(ssl)
            .setConnectTimeout(config.connectTimeoutMs())
            .setKeepAlive(true);
    HttpClient client =
        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxPoolSize()));
    return new Upstream(
        client, SocketAddress.inetSocketAddress(port, base.getHost()), config.requestTimeoutMs());
  }

  /** Where the upstream is reached, from its base URL. */
  public SocketAddress origin() {
    return origin;
  }

  /** The underlying client, for the pass-through proxy. */
  public HttpClient httpClient() {
    return client;
  }

  /**
   * Sends {@code method uri} with {@code body} to the upstream, with the end-to-end headers of
   * {@code in} (cookies included) and the original {@code Host}, and streams the upstream's status,
   * headers and body back to {@code in}'s response. With {@code noStore}, the answer is marked
   * {@code Cache-Control: no-store} whatever the upstream said (it may carry a code).
   */
  public Future<Void> relay(
      HttpServerRequest in, HttpMethod method, String uri, Buffer body, boolean noStore) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setURI(uri).setIdleTimeout(timeoutMs);
    return client
        .request(options)
        .compose(
            request -> {
              copyEndToEnd(in.headers(), request.headers());
              ForwardedHeaders.apply(request.headers(), in);
              HostAndPort authority = in.authority();
              if (authority != null) {
                request.authority(authority);
              }
              return body == null || body.length() == 0 ? request.send() : request.send(body);
            })
        .recover(
            failure ->
                Future.failedFuture(
                    new UpstreamUnavailableException("upstream request failed", failure)))
        .compose(response -> streamBack(response, in.response(), noStore));
  }

  /** GETs {@code path} as a client of {@code publicOrigin} would, and returns the whole answer. */
  public Future<HttpClientResponse> get(String path, URI publicOrigin) {
    RequestOptions options =
        new RequestOptions().setMethod(HttpMethod.GET).setURI(path).setIdleTimeout(timeoutMs);
    return client
        .request(options)
        .compose(
            request -> {
              int port = publicOrigin.getPort();
              request.authority(
                  port > 0
                      ? HostAndPort.create(publicOrigin.getHost(), port)
                      : HostAndPort.authority(publicOrigin.getHost()));
              request.putHeader("X-Forwarded-Proto", publicOrigin.getScheme());
              request.putHeader("Accept", "application/json");
              return request.send();
            })
        .recover(
            failure ->
                Future.failedFuture(
                    new UpstreamUnavailableException("upstream request failed", failure)));
  }

  private static Future<Void> streamBack(
      HttpClientResponse from, HttpServerResponse to, boolean noStore) {
    to.setStatusCode(from.statusCode());
    to.setStatusMessage(from.statusMessage());
    copyEndToEnd(from.headers(), to.headers());
    if (noStore) {
      to.headers().set("Cache-Control", "no-store");
    }
    String length = from.getHeader("Content-Length");
    if (length != null) {
      to.putHeader("Content-Length", length);
    } else {
      to.setChunked(true);
    }
    return from.pipeTo(to);
  }

  private static void copyEndToEnd(MultiMap from, MultiMap to) {
    from.forEach(
        entry -> {
          if (!ForwardedHeaders.isHopByHop(entry.getKey())
              && !entry.getKey().equalsIgnoreCase("host")) {
            to.add(entry.getKey(), entry.getValue());
          }
        });
  }

  /** Closes the client's connections. */
  public Future<Void> close() {
    return client.close();
  }
}
