package io.pargateway.load;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.testing.TestAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Signs a fresh {@code private_key_jwt} client assertion (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523 §3</a>) for every push:
 * {@code iss} and {@code sub} the client, {@code aud} as given, {@code iat} now, {@code exp} a
 * short lifetime later, a random {@code jti}, the key's {@code kid} in the header.
 *
 * <p>The signature is made on the native provider (ACCP) when it loads here, as the gateway's
 * checks are, so that an ES256 or EdDSA signature in the load generator costs tens of microseconds
 * rather than most of a millisecond on the JDK's providers, which sign otherwise. A PS256 signature
 * is an RSA private-key operation: hundreds of microseconds even there, far dearer than its check.
 *
 * <p>The client and its private key come from the file {@link PrivateKeyJwtClients} writes. Key
 * material is never logged. Thread-safe.
 */
final class ClientAssertionSigner {

  private final String clientId;
  private final String kid;
  private final JWSAlgorithm algorithm;
  private final String audience;
  private final long lifetimeSeconds;
  private final TestAssertions.Signer signer;
  private final String providerName;

  private ClientAssertionSigner(
      String clientId,
      String kid,
      JWSAlgorithm algorithm,
      String audience,
      Duration lifetime,
      TestAssertions.Signer signer,
      String providerName) {
    this.clientId = requireNonNull(clientId, "clientId");
    this.kid = requireNonNull(kid, "kid");
    this.algorithm = requireNonNull(algorithm, "algorithm");
    this.audience = requireNonNull(audience, "audience");
    this.lifetimeSeconds = Math.max(1, lifetime.toSeconds());
    this.signer = requireNonNull(signer, "signer");
    this.providerName = requireNonNull(providerName, "providerName");
  }

  /**
   * The signer of the client registered for {@code settings.alg()} in {@code
   * settings.clientKeys()}.
   *
   * @throws IllegalArgumentException when there is no key file, or no client for the algorithm
   */
  static ClientAssertionSigner fromSettings(LoadSettings settings) {
    Path file =
        settings
            .clientKeys()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "system property clientKeys is not set: the file of private keys that"
                            + " PrivateKeyJwtClients writes (see load-tests/README.md)"));
    JWSAlgorithm algorithm = JWSAlgorithm.parse(settings.alg());
    Map<String, Object> client = clientFor(file, algorithm);
    JWK key;
    try {
      key = JWK.parse(JSONObjectUtils.getJSONObject(client, "jwk"));
    } catch (ParseException e) {
      // The parser's message could quote key members: never passed on.
      throw new IllegalArgumentException("the " + algorithm + " key in " + file + " is unreadable");
    }
    if (!key.isPrivate() || key.getKeyID() == null) {
      throw new IllegalArgumentException(
          "the " + algorithm + " key in " + file + " has no private part or no kid");
    }
    Provider provider = SignatureChecks.auto().provider().orElse(null);
    return new ClientAssertionSigner(
        (String) client.get("client_id"),
        key.getKeyID(),
        algorithm,
        settings.assertionAudience(),
        settings.assertionLifetime(),
        signer(key, algorithm, provider),
        provider == null ? "JDK providers" : provider.getName());
  }

  private static Map<String, Object> clientFor(Path file, JWSAlgorithm algorithm) {
    try {
      Map<String, Object> document = JSONObjectUtils.parse(Files.readString(file));
      List<Object> clients = JSONObjectUtils.getJSONArray(document, "clients");
      for (Object entry : clients == null ? List.of() : clients) {
        if (entry instanceof Map<?, ?> map && algorithm.getName().equals(map.get("alg"))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> client = (Map<String, Object>) map;
          return client;
        }
      }
      throw new IllegalArgumentException("no " + algorithm + " client in " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (ParseException e) {
      throw new IllegalArgumentException(file + " is not the JSON PrivateKeyJwtClients writes");
    }
  }

  /** Signs with {@code key} on {@code provider} ({@code null}: the JDK's). */
  private static TestAssertions.Signer signer(JWK key, JWSAlgorithm algorithm, Provider provider) {
    try {
      if (JWSAlgorithm.ES256.equals(algorithm) && key instanceof ECKey ec) {
        PrivateKey privateKey = onProvider(ec.toECPrivateKey(), "EC", provider);
        return nimbus(new ECDSASigner(privateKey, Curve.P_256), algorithm, provider);
      }
      if (JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa) {
        PrivateKey privateKey = onProvider(rsa.toRSAPrivateKey(), "RSA", provider);
        return nimbus(new RSASSASigner(privateKey), algorithm, provider);
      }
      if (JWSAlgorithm.EdDSA.equals(algorithm)
          && key instanceof OctetKeyPair okp
          && Curve.Ed25519.equals(okp.getCurve())) {
        return ed25519(okp, provider);
      }
    } catch (JOSEException | GeneralSecurityException e) {
      throw new IllegalArgumentException("the " + algorithm + " key cannot sign: " + e.getClass());
    }
    throw new IllegalArgumentException("the key does not fit " + algorithm);
  }

  private static TestAssertions.Signer nimbus(
      JWSSigner signer, JWSAlgorithm algorithm, Provider provider) {
    if (provider != null) {
      signer.getJCAContext().setProvider(provider);
    }
    JWSHeader header = new JWSHeader(algorithm);
    return input -> signer.sign(header, input).decode();
  }

  /** EdDSA on the JCA (nimbus's own Ed25519 signer needs Google Tink). */
  private static TestAssertions.Signer ed25519(OctetKeyPair key, Provider provider)
      throws GeneralSecurityException {
    PrivateKey privateKey =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.getDecodedD()));
    String name = "Ed25519";
    return input -> {
      Signature signature =
          provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
      signature.initSign(privateKey);
      signature.update(input);
      return signature.sign();
    };
  }

  /**
   * {@code key} as the provider's own key object, translated once here rather than on every
   * signature; as it is when the provider cannot translate it.
   */
  private static PrivateKey onProvider(PrivateKey key, String algorithm, Provider provider) {
    if (provider == null) {
      return key;
    }
    try {
      Key translated = KeyFactory.getInstance(algorithm, provider).translateKey(key);
      return translated instanceof PrivateKey own ? own : key;
    } catch (GeneralSecurityException e) {
      return key;
    }
  }

  /** A new assertion, signed now, in compact form. */
  String next() {
    return TestAssertions.assertion(clientId, audience)
        .secondsFromNow("exp", lifetimeSeconds)
        .kid(kid)
        .sign(algorithm.getName(), signer);
  }

  String clientId() {
    return clientId;
  }

  /**
   * For the start-up line, e.g. {@code ES256 for bench-pk-es256 on AmazonCorrettoCryptoProvider}.
   */
  String describe() {
    return algorithm + " assertions for " + clientId + " (kid " + kid + ") on " + providerName;
  }
}
