package io.pargateway.upstream;

import io.pargateway.request.Parameters;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sends a browser on to the upstream's authorization endpoint with a redeemed pushed request. Only
 * the stored parameters go: nothing else from the browser's query is merged in.
 */
public interface AuthorizationForwarder {

  /** Answers {@code browser} so that the upstream receives {@code parameters}. */
  Future<Void> forward(HttpServerRequest browser, Parameters parameters);

  /**
   * The gateway calls the upstream itself and streams its answer back (redirects, cookies, login
   * pages), so the parameters never appear in the browser.
   */
  static AuthorizationForwarder proxy(Upstream upstream, String authorizationPath) {
    return (browser, parameters) ->
        upstream.relay(
            browser,
            HttpMethod.GET,
            authorizationPath + "?" + QueryStrings.encode(parameters),
            null,
            true);
  }

  /**
   * A 303 to the upstream's authorization endpoint with the parameters in the query, for upstreams
   * on another origin. 303 rather than 307, as FAPI 2.0 §5.3.2.2 and RFC 9700 §4.12 ask.
   */
  static AuthorizationForwarder redirect(String authorizationEndpointUrl) {
    return (browser, parameters) ->
        browser
            .response()
            .setStatusCode(303)
            .putHeader("Location", authorizationEndpointUrl + "?" + QueryStrings.encode(parameters))
            .putHeader("Cache-Control", "no-store")
            .end();
  }
}
