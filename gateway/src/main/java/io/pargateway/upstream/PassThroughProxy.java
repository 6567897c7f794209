package io.pargateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;

/**
 * Everything the gateway does not handle itself (token, JWKS, userinfo, the OP's login pages) goes
 * to the upstream unchanged, with {@code X-Forwarded-*} headers, through vertx-http-proxy.
 */
public final class PassThroughProxy implements Handler<HttpServerRequest> {

  private final HttpProxy proxy;

  private PassThroughProxy(HttpProxy proxy) {
    this.proxy = proxy;
  }

  public static PassThroughProxy create(Upstream upstream, String baseUrl) {
    URI base = URI.create(baseUrl);
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    HttpProxy proxy =
        HttpProxy.reverseProxy(upstream.httpClient())
            .origin(port, base.getHost())
            .addInterceptor(
                new ProxyInterceptor() {
                  @Override
                  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                    ForwardedHeaders.apply(
                        context.request().headers(), context.request().proxiedRequest());
                    return context.sendRequest();
                  }
                });
    return new PassThroughProxy(proxy);
  }

  @Override
  public void handle(HttpServerRequest request) {
    proxy.handle(request);
  }
}
