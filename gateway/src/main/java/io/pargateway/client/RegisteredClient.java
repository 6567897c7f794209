package io.pargateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * A client as registered with the gateway.
 *
 * @param id its identifier
 * @param authMethod the one authentication method it must use
 * @param secret its shared secret, for the {@code client_secret_*} methods; for {@code
 *     client_secret_jwt} it also holds the HMAC key
 * @param redirectUris registered redirect URIs, compared exactly (RFC 9700 §2.1)
 * @param requirePushedAuthorizationRequests it may only send authorization requests through PAR
 *     (RFC 9126 §6)
 * @param requirePkce its requests must carry an S256 {@code code_challenge}
 * @param signingAlgorithm the one JWS algorithm its client assertions must use ({@code
 *     token_endpoint_auth_signing_alg}, RFC 7591 §2); when empty, any the gateway accepts
 * @param keys its public keys, for {@code private_key_jwt} and {@code self_signed_tls_client_auth}
 * @param tlsSubject the certificate subject of a {@code tls_client_auth} client
 */
public record RegisteredClient(
    ClientId id,
    AuthMethod authMethod,
    Optional<ClientSecret> secret,
    Set<String> redirectUris,
    boolean requirePushedAuthorizationRequests,
    boolean requirePkce,
    Optional<JWSAlgorithm> signingAlgorithm,
    ClientKeys keys,
    Optional<TlsSubject> tlsSubject) {

  public RegisteredClient {
    requireNonNull(id, "id");
    requireNonNull(authMethod, "authMethod");
    requireNonNull(secret, "secret");
    redirectUris = Set.copyOf(redirectUris);
    requireNonNull(signingAlgorithm, "signingAlgorithm");
    requireNonNull(keys, "keys");
    requireNonNull(tlsSubject, "tlsSubject");
  }

  /** A builder of a client that authenticates with {@code authMethod}; the rest is optional. */
  public static Builder builder(ClientId id, AuthMethod authMethod) {
    return new Builder(id, authMethod);
  }

  /** Builds a {@link RegisteredClient}; what is not set is empty or false. */
  public static final class Builder {

    private final ClientId id;
    private final AuthMethod authMethod;
    private ClientSecret secret;
    private Set<String> redirectUris = Set.of();
    private boolean requirePushedAuthorizationRequests;
    private boolean requirePkce;
    private JWSAlgorithm signingAlgorithm;
    private ClientKeys keys = ClientKeys.NONE;
    private TlsSubject tlsSubject;

    private Builder(ClientId id, AuthMethod authMethod) {
      this.id = requireNonNull(id, "id");
      this.authMethod = requireNonNull(authMethod, "authMethod");
    }

    public Builder secret(ClientSecret secret) {
      this.secret = secret;
      return this;
    }

    public Builder redirectUris(Collection<String> redirectUris) {
      this.redirectUris = Set.copyOf(redirectUris);
      return this;
    }

    public Builder requirePushedAuthorizationRequests(boolean require) {
      this.requirePushedAuthorizationRequests = require;
      return this;
    }

    public Builder requirePkce(boolean require) {
      this.requirePkce = require;
      return this;
    }

    public Builder signingAlgorithm(JWSAlgorithm signingAlgorithm) {
      this.signingAlgorithm = signingAlgorithm;
      return this;
    }

    public Builder keys(ClientKeys keys) {
      this.keys = requireNonNull(keys, "keys");
      return this;
    }

    public Builder tlsSubject(TlsSubject tlsSubject) {
      this.tlsSubject = tlsSubject;
      return this;
    }

    public RegisteredClient build() {
      return new RegisteredClient(
          id,
          authMethod,
          Optional.ofNullable(secret),
          redirectUris,
          requirePushedAuthorizationRequests,
          requirePkce,
          Optional.ofNullable(signingAlgorithm),
          keys,
          Optional.ofNullable(tlsSubject));
    }
  }
}
