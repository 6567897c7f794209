package io.pargateway.client.auth;

import io.pargateway.client.AuthMethod;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code client_secret_basic}: HTTP Basic with the client id and secret, each form-urlencoded
 * before they are joined (<a href="https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1">RFC
 * 6749 §2.3.1</a>).
 */
final class ClientSecretBasic implements ClientAuthStrategy {

  /** RFC 6749 §5.2: a 401 to a client that tried Basic names that scheme. */
  static final String CHALLENGE = "Basic realm=\"oauth\", charset=\"UTF-8\"";

  private static final String SCHEME = "Basic ";

  private final SharedSecretVerifier verifier;

  ClientSecretBasic(SharedSecretVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public boolean isPresented(ClientAuthRequest request) {
    String header = request.authorization();
    return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  @Override
  public Future<Authentication> authenticate(ClientAuthRequest request) {
    String clientId;
    String secret;
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(request.authorization().substring(SCHEME.length()).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("no colon");
      }
      clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          OAuthException.invalidClient("malformed Basic credentials", CHALLENGE));
    }
    return verifier
        .verify(clientId, secret, CHALLENGE)
        .map(client -> new Authentication(client, AuthMethod.CLIENT_SECRET_BASIC));
  }
}
