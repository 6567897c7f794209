package io.pargateway.crypto;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks JWS signatures (<a href="https://datatracker.ietf.org/doc/html/rfc7515#section-5.2">RFC
 * 7515 §5.2</a>) of one algorithm with one key, on a chosen JCA provider. Built once per key and
 * algorithm, then used from any thread.
 *
 * <p>Get one from {@link SignatureChecks#verifier} (asymmetric keys, cached) or {@link
 * SignatureChecks#hmacVerifier} (a client secret). A benchmark can use it directly:
 *
 * <pre>{@code
 * SignatureChecks checks = SignatureChecks.fromEnvironment(); // or SignatureChecks.jdk()
 * JwsSignatureVerifier verifier = checks.verifier(publicJwk, JWSAlgorithm.ES256);
 * boolean valid = verifier.verify(JWSObject.parse(compact));
 * }</pre>
 */
public final class JwsSignatureVerifier {

  private final JWSAlgorithm algorithm;
  private final JWSVerifier verifier;

  private JwsSignatureVerifier(JWSAlgorithm algorithm, JWSVerifier verifier) {
    this.algorithm = algorithm;
    this.verifier = verifier;
  }

  /**
   * A verifier of {@code algorithm} with the public key {@code key}, on {@code provider} ({@code
   * null}: the JDK's providers).
   *
   * @throws JOSEException when the key is not an acceptable public key for the algorithm
   */
  static JwsSignatureVerifier ofPublicKey(JWK key, JWSAlgorithm algorithm, Provider provider)
      throws JOSEException {
    requireNonNull(key, "key");
    requireNonNull(algorithm, "algorithm");
    if (!VerificationKeys.fits(key, algorithm)) {
      throw new JOSEException("the key does not fit " + algorithm);
    }
    JWSVerifier verifier;
    if (key instanceof RSAKey rsa) {
      verifier =
          new RSASSAVerifier(onProvider(rsa.toRSAPublicKey(), RSAPublicKey.class, "RSA", provider));
    } else if (key instanceof ECKey ec) {
      verifier =
          new ECDSAVerifier(onProvider(ec.toECPublicKey(), ECPublicKey.class, "EC", provider));
    } else if (key instanceof OctetKeyPair okp) {
      try {
        verifier = new Ed25519Verifier(Ed25519Keys.toPublicKey(okp.toPublicJWK()));
      } catch (GeneralSecurityException e) {
        throw new JOSEException("not an Ed25519 public key", e);
      }
    } else {
      throw new JOSEException("unsupported key type " + key.getKeyType());
    }
    if (provider != null) {
      verifier.getJCAContext().setProvider(provider);
    }
    return new JwsSignatureVerifier(algorithm, verifier);
  }

  /**
   * {@code key} as {@code provider}'s own key object, translated once here: a provider given a
   * foreign key translates it on every check (for RSA on the native provider that costs about as
   * much as the check itself). The key as it is when the provider cannot translate it.
   */
  private static <K extends PublicKey> K onProvider(
      K key, Class<K> type, String algorithm, Provider provider) {
    if (provider == null) {
      return key;
    }
    try {
      Key translated = KeyFactory.getInstance(algorithm, provider).translateKey(key);
      return type.isInstance(translated) ? type.cast(translated) : key;
    } catch (GeneralSecurityException e) {
      return key;
    }
  }

  /**
   * A verifier of the HMAC {@code algorithm} with {@code secret}, on the JDK's providers. It keeps
   * a reference to {@code secret}, which the caller may wipe once done.
   *
   * @throws JOSEException when the secret is shorter than the hash (RFC 7518 §3.2: "a key of the
   *     same size as the hash output or larger MUST be used")
   */
  static JwsSignatureVerifier ofSecret(byte[] secret, JWSAlgorithm algorithm) throws JOSEException {
    requireNonNull(secret, "secret");
    int minBytes = hmacKeyBytes(algorithm);
    if (secret.length < minBytes) {
      throw new JOSEException(
          "the secret is shorter than " + minBytes + " bytes, which " + algorithm + " needs");
    }
    return new JwsSignatureVerifier(algorithm, new MACVerifier(secret));
  }

  private static int hmacKeyBytes(JWSAlgorithm algorithm) throws JOSEException {
    if (JWSAlgorithm.HS256.equals(algorithm)) {
      return 32;
    }
    if (JWSAlgorithm.HS384.equals(algorithm)) {
      return 48;
    }
    if (JWSAlgorithm.HS512.equals(algorithm)) {
      return 64;
    }
    throw new JOSEException("not an HMAC algorithm: " + algorithm);
  }

  /** The one algorithm this verifier accepts. */
  public JWSAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The name of the JCA provider the checks run on, e.g. {@code AmazonCorrettoCryptoProvider}, or
   * {@code JDK} for the JDK's own providers (picked by the JCA per check).
   */
  public String providerName() {
    Provider provider = verifier.getJCAContext().getProvider();
    return provider == null ? "JDK" : provider.getName();
  }

  /**
   * Whether {@code jws} carries this verifier's algorithm and a valid signature by its key. A
   * malformed or wrong signature is {@code false}.
   *
   * @throws IllegalStateException when the provider cannot check the signature at all (a missing
   *     algorithm, a key it refuses): a fault of this deployment, not of the signature
   */
  public boolean verify(JWSObject jws) {
    return verify(jws.getHeader(), jws.getSigningInput(), jws.getSignature());
  }

  /** As {@link #verify(JWSObject)}, on the parts of a JWS. */
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
    if (!algorithm.equals(header.getAlgorithm()) || signature == null) {
      return false;
    }
    try {
      // nimbus answers false for a signature of the wrong length or encoding, and throws only
      // when the check itself cannot run.
      return verifier.verify(header, signingInput, signature);
    } catch (JOSEException e) {
      throw new IllegalStateException(
          algorithm + " signatures cannot be checked: " + e.getMessage(), e);
    }
  }
}
