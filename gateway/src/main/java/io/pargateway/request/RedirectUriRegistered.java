package io.pargateway.request;

import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;

/**
 * {@code redirect_uri} is exactly one of the client's registered URIs (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9700#section-2.1">RFC 9700 §2.1</a>, <a
 * href="https://datatracker.ietf.org/doc/html/rfc6749#section-3.1.2.3">RFC 6749 §3.1.2.3</a>); it
 * may be left out only by a client that registered exactly one. RFC 9126 §2.3 answers a bad
 * redirect URI at the PAR endpoint with {@code invalid_request}.
 */
final class RedirectUriRegistered implements PushedRequestCheck {

  @Override
  public void check(RegisteredClient client, Parameters parameters) {
    String redirectUri = parameters.get("redirect_uri");
    if (redirectUri == null) {
      if (client.redirectUris().size() != 1) {
        throw OAuthException.invalidRequest("redirect_uri is required");
      }
      return;
    }
    if (!client.redirectUris().contains(redirectUri)) {
      throw OAuthException.invalidRequest("redirect_uri is not registered for this client");
    }
  }
}
