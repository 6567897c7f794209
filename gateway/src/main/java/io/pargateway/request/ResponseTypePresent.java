package io.pargateway.request;

import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;

/**
 * {@code response_type} is required in an authorization request (<a
 * href="https://datatracker.ietf.org/doc/html/rfc6749#section-3.1.1">RFC 6749 §3.1.1</a>).
 */
final class ResponseTypePresent implements PushedRequestCheck {

  @Override
  public void check(RegisteredClient client, Parameters parameters) {
    if (!parameters.has("response_type")) {
      throw OAuthException.invalidRequest("response_type is required");
    }
  }
}
