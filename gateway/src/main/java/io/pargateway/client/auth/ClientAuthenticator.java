package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * Authenticates the client of a request at the PAR endpoint, as the token endpoint would (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.1">RFC 9126 §2.1</a>).
 *
 * <p>Exactly one method may be presented (RFC 6749 §2.3: "MUST NOT use more than one"), and it must
 * be the one the client registered. A request that presents none is a public client, which must be
 * registered with {@code none}.
 */
public final class ClientAuthenticator {

  /** Form parameters that carry credentials: they never reach the store or the upstream. */
  public static final Set<String> CREDENTIAL_PARAMETERS =
      Set.of("client_secret", "client_assertion", "client_assertion_type");

  private final ClientRegistry registry;
  private final List<ClientAuthStrategy> strategies;

  ClientAuthenticator(ClientRegistry registry, List<ClientAuthStrategy> strategies) {
    this.registry = requireNonNull(registry, "registry");
    this.strategies = List.copyOf(strategies);
  }

  /** An authenticator with every method this gateway supports. */
  public static ClientAuthenticator create(ClientRegistry registry) {
    SharedSecretVerifier secrets = new SharedSecretVerifier(registry);
    return new ClientAuthenticator(
        registry, List.of(new ClientSecretBasic(secrets), new ClientSecretPost(secrets)));
  }

  /** Completes with the authenticated client, or fails with {@code invalid_client}. */
  public Future<RegisteredClient> authenticate(ClientAuthRequest request) {
    String challenge = request.authorization() == null ? null : ClientSecretBasic.CHALLENGE;
    List<ClientAuthStrategy> presented =
        strategies.stream().filter(s -> s.isPresented(request)).toList();
    if (presented.size() > 1) {
      return Future.failedFuture(
          OAuthException.invalidClient(
              "more than one client authentication method was used", challenge));
    }
    if (presented.isEmpty()) {
      return authenticatePublic(request, challenge);
    }
    ClientAuthStrategy strategy = presented.get(0);
    return strategy
        .authenticate(request)
        .compose(
            client ->
                client.authMethod() == strategy.method()
                    ? Future.succeededFuture(client)
                    : Future.failedFuture(
                        OAuthException.invalidClient(
                                "client authentication method not allowed for this client",
                                challenge)
                            .withDetail("presented " + strategy.method().metadataName())));
  }

  private Future<RegisteredClient> authenticatePublic(ClientAuthRequest request, String challenge) {
    RegisteredClient client = registry.find(request.form().get("client_id")).orElse(null);
    if (client == null || client.authMethod() != AuthMethod.NONE) {
      return Future.failedFuture(
          OAuthException.invalidClient("client authentication failed", challenge)
              .withDetail("no credentials presented"));
    }
    return Future.succeededFuture(client);
  }
}
