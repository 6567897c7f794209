package io.pargateway.client.auth;

import io.vertx.core.Future;

/**
 * One client authentication mechanism (a Basic header, a form secret, an assertion, a certificate).
 */
public interface ClientAuthStrategy {

  /**
   * Whether the request carries this mechanism's credentials, well-formed or not. Reads only; never
   * fails.
   */
  boolean isPresented(ClientAuthRequest request);

  /**
   * Authenticates the client whose credentials {@link #isPresented are presented}: completes with
   * the client and the method it used, or fails with an {@code invalid_client} {@link
   * io.pargateway.oauth.OAuthException}. Whether that method is the client's registered one is
   * checked by the caller.
   */
  Future<Authentication> authenticate(ClientAuthRequest request);
}
