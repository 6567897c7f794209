package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.RegisteredClient;
import io.pargateway.crypto.CryptoExecutor;
import io.pargateway.crypto.Ed25519Keys;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mutual-TLS client authentication (<a
 * href="https://datatracker.ietf.org/doc/html/rfc8705#section-2">RFC 8705 §2</a>) with the
 * certificate the client presented, for the client named by {@code client_id}:
 *
 * <ul>
 *   <li>{@code tls_client_auth}: the chain leads to a configured trust anchor (PKIX, validity dates
 *       included) and the leaf carries the subject the client registered (§2.1).
 *   <li>{@code self_signed_tls_client_auth}: the chain is not validated; the leaf's public key is
 *       one of the keys the client registered (§2.2), and the certificate is within its dates.
 * </ul>
 *
 * A chain already validated is remembered for a few minutes by its fingerprint, so kept-alive
 * connections do not pay for PKIX on every request. Validation runs where {@link SignatureChecks}
 * says: inline when the native provider checks the chain's signatures, else on the worker pool.
 */
final class CertificateAuthentication implements ClientAuthStrategy {

  /** TLS Web Client Authentication (RFC 5280 §4.2.1.12). */
  private static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";

  private static final String ANY_EKU = "2.5.29.37.0";

  private final ClientRegistry registry;
  private final Set<TrustAnchor> anchors;
  private final ClientKeySource keys;
  private final SignatureChecks signatures;
  private final CryptoExecutor workers;
  private final Cache<String, Boolean> validatedChains =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

  CertificateAuthentication(
      ClientRegistry registry,
      Set<TrustAnchor> anchors,
      ClientKeySource keys,
      SignatureChecks signatures,
      CryptoExecutor workers) {
    this.registry = requireNonNull(registry, "registry");
    this.anchors = Set.copyOf(anchors);
    this.keys = requireNonNull(keys, "keys");
    this.signatures = requireNonNull(signatures, "signatures");
    this.workers = requireNonNull(workers, "workers");
  }

  @Override
  public boolean isPresented(ClientAuthRequest request) {
    return !request.certificates().isEmpty();
  }

  @Override
  public Future<Authentication> authenticate(ClientAuthRequest request) {
    RegisteredClient client = registry.find(request.form().get("client_id")).orElse(null);
    if (client == null || !client.authMethod().usesCertificate()) {
      return failed("no certificate client");
    }
    if (request.certificates().isEmpty()) {
      return failed("no client certificate presented");
    }
    return client.authMethod() == AuthMethod.TLS_CLIENT_AUTH
        ? pkiAuthenticated(client, request.certificates())
        : selfSignedAuthenticated(client, request.certificates().get(0));
  }

  private Future<Authentication> pkiAuthenticated(
      RegisteredClient client, List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    if (client.tlsSubject().isEmpty()
        || !TlsSubjectMatcher.matches(client.tlsSubject().get(), leaf)) {
      return failed("certificate subject does not match the registered one");
    }
    String fingerprint = fingerprint(chain);
    Future<Boolean> valid =
        validatedChains.getIfPresent(fingerprint) != null
            ? Future.succeededFuture(true)
            : signatures
                .certificatePathExecutor(chain, workers)
                .submit(() -> validChain(chain, signatures.certificatePathProvider(chain)));
    return valid.compose(
        ok -> {
          if (!ok) {
            return failed("certificate chain not trusted");
          }
          validatedChains.put(fingerprint, Boolean.TRUE);
          return Future.succeededFuture(new Authentication(client, AuthMethod.TLS_CLIENT_AUTH));
        });
  }

  /**
   * PKIX validation against the trust anchors, with the signatures checked on {@code sigProvider}
   * when given (the native provider: fast enough to run inline), else on the JDK's providers.
   */
  private boolean validChain(List<X509Certificate> chain, Optional<String> sigProvider) {
    if (anchors.isEmpty() || !usableForClientAuth(chain.get(0))) {
      return false;
    }
    try {
      PKIXParameters parameters = new PKIXParameters(anchors);
      sigProvider.ifPresent(parameters::setSigProvider);
      // Revocation is the operator's CA policy; with no CRL or OCSP configured it cannot be
      // checked.
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean usableForClientAuth(X509Certificate leaf) {
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      return usages == null || usages.contains(CLIENT_AUTH_EKU) || usages.contains(ANY_EKU);
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  private Future<Authentication> selfSignedAuthenticated(
      RegisteredClient client, X509Certificate leaf) {
    try {
      leaf.checkValidity();
    } catch (GeneralSecurityException e) {
      return failed("certificate outside its validity period");
    }
    return keys.keys(client, false)
        .compose(
            current ->
                registered(current, leaf.getPublicKey())
                    ? Future.succeededFuture(true)
                    : keys.keys(client, true).map(fresh -> registered(fresh, leaf.getPublicKey())))
        .compose(
            match ->
                match
                    ? Future.succeededFuture(
                        new Authentication(client, AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH))
                    : failed("certificate key is not registered for this client"));
  }

  /** Whether {@code presented} is one of the public keys in {@code set}, compared encoded. */
  private static boolean registered(JWKSet set, PublicKey presented) {
    byte[] encoded = presented.getEncoded();
    for (JWK jwk : set.getKeys()) {
      try {
        PublicKey key =
            jwk instanceof OctetKeyPair okp
                ? Ed25519Keys.toPublicKey(okp)
                : jwk instanceof AsymmetricJWK asymmetric ? asymmetric.toPublicKey() : null;
        if (key != null && MessageDigest.isEqual(encoded, key.getEncoded())) {
          return true;
        }
      } catch (JOSEException | GeneralSecurityException e) {
        // A key that cannot be turned into a JCA key matches nothing.
      }
    }
    return false;
  }

  private static String fingerprint(List<X509Certificate> chain) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (X509Certificate certificate : chain) {
        sha256.update(certificate.getEncoded());
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  private static <T> Future<T> failed(String detail) {
    return Future.failedFuture(
        OAuthException.invalidClient("client authentication failed", null).withDetail(detail));
  }
}
