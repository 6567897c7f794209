package io.pargateway.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * A client as registered with the gateway.
 *
 * @param id its identifier
 * @param authMethod the one authentication method it must use
 * @param secret its shared secret, for the {@code client_secret_*} methods
 * @param redirectUris registered redirect URIs, compared exactly (RFC 9700 §2.1)
 * @param requirePushedAuthorizationRequests it may only send authorization requests through PAR
 *     (RFC 9126 §6)
 * @param requirePkce its requests must carry an S256 {@code code_challenge}
 */
public record RegisteredClient(
    ClientId id,
    AuthMethod authMethod,
    Optional<ClientSecret> secret,
    Set<String> redirectUris,
    boolean requirePushedAuthorizationRequests,
    boolean requirePkce) {

  public RegisteredClient {
    requireNonNull(id, "id");
    requireNonNull(authMethod, "authMethod");
    requireNonNull(secret, "secret");
    redirectUris = Set.copyOf(redirectUris);
  }
}
