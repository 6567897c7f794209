package io.pargateway.request;

import static io.pargateway.oauth.Base64Url.isBase64Url;

import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;

/**
 * PKCE (<a href="https://datatracker.ietf.org/doc/html/rfc7636#section-4.3">RFC 7636 §4.3</a>):
 * with a {@code code_challenge} the method must be {@code S256} ({@code plain} is refused, as RFC
 * 9700 §2.1.1 advises), the challenge must be the base64url of a SHA-256 digest, and a client
 * configured to require PKCE must send one.
 */
final class PkceS256 implements PushedRequestCheck {

  /** base64url of 32 bytes, without padding. */
  private static final int S256_CHALLENGE_LENGTH = 43;

  @Override
  public void check(RegisteredClient client, Parameters parameters) {
    String challenge = parameters.get("code_challenge");
    String method = parameters.get("code_challenge_method");
    if (challenge == null) {
      if (method != null) {
        throw OAuthException.invalidRequest("code_challenge_method without code_challenge");
      }
      if (client.requirePkce()) {
        throw OAuthException.invalidRequest("code_challenge is required for this client");
      }
      return;
    }
    if (!"S256".equals(method)) {
      throw OAuthException.invalidRequest("code_challenge_method must be S256");
    }
    if (!isBase64Url(challenge, S256_CHALLENGE_LENGTH)) {
      throw OAuthException.invalidRequest("code_challenge is not a base64url SHA-256 value");
    }
  }
}
