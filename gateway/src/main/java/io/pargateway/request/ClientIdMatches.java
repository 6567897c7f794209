package io.pargateway.request;

import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;

/**
 * A {@code client_id} in the body names the authenticated client (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.1">RFC 9126 §2.1</a>: the request
 * is bound to the client that authenticated).
 */
final class ClientIdMatches implements PushedRequestCheck {

  @Override
  public void check(RegisteredClient client, Parameters parameters) {
    String clientId = parameters.get("client_id");
    if (clientId != null && !clientId.equals(client.id().value())) {
      throw OAuthException.invalidRequest("client_id does not match the authenticated client");
    }
  }
}
