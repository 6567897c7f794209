package io.pargateway.upstream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Everything the gateway does not handle itself (token, JWKS, userinfo, the OP's login pages) goes
 * to the upstream unchanged, with {@code X-Forwarded-*} headers, through vertx-http-proxy.
 */
public final class PassThroughProxy implements Handler<HttpServerRequest> {

  private final HttpProxy proxy;

  private PassThroughProxy(HttpProxy proxy) {
    this.proxy = proxy;
  }

  public static PassThroughProxy create(Upstream upstream) {
    HttpProxy proxy =
        HttpProxy.reverseProxy(upstream.httpClient())
            .origin(upstream.origin())
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
