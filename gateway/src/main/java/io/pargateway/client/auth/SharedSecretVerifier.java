package io.pargateway.client.auth;

import io.pargateway.client.ClientRegistry;
import io.pargateway.client.ClientSecret;
import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;

/**
 * Checks a client id and secret pair, for both {@code client_secret_*} methods.
 *
 * <p>An unknown client and a wrong secret get the same answer, after the same work, so that neither
 * the message nor the timing tells which client ids exist.
 */
final class SharedSecretVerifier {

  private static final ClientSecret DECOY = ClientSecret.of("decoy-secret-for-unknown-clients");

  private final ClientRegistry registry;

  SharedSecretVerifier(ClientRegistry registry) {
    this.registry = registry;
  }

  Future<RegisteredClient> verify(String clientId, String secret, String challenge) {
    RegisteredClient client = registry.find(clientId).orElse(null);
    // Compare against a decoy when there is nothing to compare with, so the work is the same.
    boolean hasSecret = client != null && client.secret().isPresent();
    ClientSecret expected = hasSecret ? client.secret().get() : DECOY;
    boolean matches = expected.matches(secret) && hasSecret;
    if (!matches) {
      return Future.failedFuture(
          OAuthException.invalidClient("client authentication failed", challenge)
              .withDetail(client == null ? "unknown client" : "secret mismatch"));
    }
    return Future.succeededFuture(client);
  }
}
