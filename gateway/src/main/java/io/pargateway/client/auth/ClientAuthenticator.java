package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.RegisteredClient;
import io.pargateway.crypto.CryptoExecutor;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.oauth.OAuthException;
import io.pargateway.store.ReplayGuard;
import io.vertx.core.Future;
import java.security.cert.TrustAnchor;
import java.util.List;
import java.util.Set;

/**
 * Authenticates the client of a request at the PAR endpoint, as the token endpoint would (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.1">RFC 9126 §2.1</a>).
 *
 * <p>Exactly one mechanism may be presented (RFC 6749 §2.3: "MUST NOT use more than one"), and the
 * method it amounts to must be the client's registered one. A TLS client certificate is not a
 * mechanism of its own when another is presented (a client may hold one for certificate-bound
 * tokens while it authenticates with an assertion, RFC 8705 §3); with no other credential, the
 * client's registered method decides: a certificate method authenticates with the certificate,
 * {@code none} is a public client, anything else fails.
 */
public final class ClientAuthenticator {

  /** Form parameters that carry credentials: they never reach the store or the upstream. */
  public static final Set<String> CREDENTIAL_PARAMETERS =
      Set.of("client_secret", "client_assertion", "client_assertion_type");

  private final ClientRegistry registry;
  private final List<ClientAuthStrategy> explicit;
  private final ClientAuthStrategy certificate;

  ClientAuthenticator(
      ClientRegistry registry, List<ClientAuthStrategy> explicit, ClientAuthStrategy certificate) {
    this.registry = requireNonNull(registry, "registry");
    this.explicit = List.copyOf(explicit);
    this.certificate = requireNonNull(certificate, "certificate");
  }

  /**
   * An authenticator with every method this gateway supports.
   *
   * @param registry the registered clients
   * @param trustAnchors the CAs of {@code tls_client_auth} certificates (may be empty)
   * @param keys the clients' registered public keys, inline or from {@code jwks_uri}
   * @param assertions what {@code client_secret_jwt} and {@code private_key_jwt} assertions are
   *     checked against
   * @param replays where the {@code jti} of accepted assertions is recorded
   * @param signatures the provider that verifies signatures, and which checks run inline
   * @param workers where checks too slow for an event loop run (the bounded worker pool)
   */
  public static ClientAuthenticator create(
      ClientRegistry registry,
      Set<TrustAnchor> trustAnchors,
      ClientKeySource keys,
      AssertionPolicy assertions,
      ReplayGuard replays,
      SignatureChecks signatures,
      CryptoExecutor workers) {
    SharedSecretVerifier secrets = new SharedSecretVerifier(registry);
    return new ClientAuthenticator(
        registry,
        List.of(
            new ClientSecretBasic(secrets),
            new ClientSecretPost(secrets),
            new ClientAssertionAuthentication(
                registry, keys, replays, assertions, signatures, workers)),
        new CertificateAuthentication(registry, trustAnchors, keys, signatures, workers));
  }

  /** Completes with the authenticated client, or fails with {@code invalid_client}. */
  public Future<RegisteredClient> authenticate(ClientAuthRequest request) {
    String challenge = request.authorization() == null ? null : ClientSecretBasic.CHALLENGE;
    List<ClientAuthStrategy> presented =
        explicit.stream().filter(s -> s.isPresented(request)).toList();
    if (presented.size() > 1) {
      return Future.failedFuture(
          OAuthException.invalidClient(
              "more than one client authentication method was used", challenge));
    }
    Future<Authentication> authenticated =
        presented.isEmpty()
            ? withoutExplicitCredentials(request, challenge)
            : presented.get(0).authenticate(request);
    return authenticated.compose(
        authentication ->
            authentication.client().authMethod() == authentication.method()
                ? Future.succeededFuture(authentication.client())
                : Future.failedFuture(
                    OAuthException.invalidClient(
                            "client authentication method not allowed for this client", challenge)
                        .withDetail("presented " + authentication.method().metadataName())));
  }

  private Future<Authentication> withoutExplicitCredentials(
      ClientAuthRequest request, String challenge) {
    RegisteredClient client = registry.find(request.form().get("client_id")).orElse(null);
    if (client != null && client.authMethod().usesCertificate()) {
      return certificate.authenticate(request);
    }
    if (client != null && client.authMethod() == AuthMethod.NONE) {
      return Future.succeededFuture(new Authentication(client, AuthMethod.NONE));
    }
    return Future.failedFuture(
        OAuthException.invalidClient("client authentication failed", challenge)
            .withDetail("no credentials presented"));
  }
}
