package io.pargateway.request;

import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;

/**
 * A pushed request must not carry {@code request_uri} (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.1">RFC 9126 §2.1</a>).
 */
final class RequestUriForbidden implements PushedRequestCheck {

  @Override
  public void check(RegisteredClient client, Parameters parameters) {
    if (parameters.has("request_uri")) {
      throw OAuthException.invalidRequest("request_uri is not allowed in a pushed request");
    }
  }
}
