package io.pargateway.client.auth;

import io.pargateway.client.AuthMethod;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;

/**
 * {@code client_secret_post}: {@code client_id} and {@code client_secret} in the form body (<a
 * href="https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>).
 */
final class ClientSecretPost implements ClientAuthStrategy {

  private final SharedSecretVerifier verifier;

  ClientSecretPost(SharedSecretVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public boolean isPresented(ClientAuthRequest request) {
    return request.form().has("client_secret");
  }

  @Override
  public Future<Authentication> authenticate(ClientAuthRequest request) {
    String clientId = request.form().get("client_id");
    if (clientId == null) {
      return Future.failedFuture(
          OAuthException.invalidClient("client_secret without client_id", null));
    }
    return verifier
        .verify(clientId, request.form().get("client_secret"), null)
        .map(client -> new Authentication(client, AuthMethod.CLIENT_SECRET_POST));
  }
}
