package io.pargateway.crypto;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which public keys a client may verify signatures with, and which of them fit an algorithm.
 *
 * <p>The same rules as for inline keys at start: RSA of 2048 bits or more (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7518#section-3.3">RFC 7518 §3.3</a>), EC on P-256,
 * P-384 or P-521 (§3.4), OKP on Ed25519 (<a
 * href="https://datatracker.ietf.org/doc/html/rfc8037#section-3.1">RFC 8037 §3.1</a>); public keys
 * only, never {@code oct}; {@code use}, when given, {@code sig}; {@code key_ops}, when given,
 * including {@code verify}.
 */
public final class VerificationKeys {

  /** RFC 7518 §6.3.2 (RSA), §6.2.2 (EC; OKP: RFC 8037 §2) and §6.4.1 (oct) private members. */
  private static final Set<String> PRIVATE_MEMBERS =
      Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private static final int MIN_RSA_BITS = 2048;

  private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

  private VerificationKeys() {}

  /**
   * The key {@code members} describe, when it is an acceptable public verification key; empty for
   * anything else, including a key with private members (refused before it is parsed, so that no
   * parser message can carry a private value).
   */
  public static Optional<JWK> parsePublic(Map<String, Object> members) {
    if (members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
      return Optional.empty();
    }
    try {
      JWK jwk = JWK.parse(members);
      return acceptable(jwk) ? Optional.of(jwk) : Optional.empty();
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code jwk} is a public key of a kind and size the gateway verifies with. */
  public static boolean acceptable(JWK jwk) {
    if (jwk.isPrivate()) {
      return false;
    }
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      return false;
    }
    if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
      return false;
    }
    if (jwk instanceof RSAKey rsa) {
      return rsa.size() >= MIN_RSA_BITS;
    }
    if (jwk instanceof ECKey ec) {
      return EC_CURVES.contains(ec.getCurve());
    }
    if (jwk instanceof OctetKeyPair okp) {
      return Curve.Ed25519.equals(okp.getCurve());
    }
    return false;
  }

  /**
   * Whether {@code jwk} can verify a signature made with {@code algorithm}: its {@code kty} and
   * curve are the algorithm's (RFC 7518 §3.3-§3.5, RFC 8037 §3.1), and its {@code alg}, when given,
   * is that algorithm (RFC 7517 §4.4). This is also FAPI 2.0's rule for picking among keys that
   * share a {@code kid} or have none.
   */
  public static boolean fits(JWK jwk, JWSAlgorithm algorithm) {
    if (!acceptable(jwk)) {
      return false;
    }
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.getName())) {
      return false;
    }
    if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
      return jwk instanceof RSAKey;
    }
    if (JWSAlgorithm.ES256.equals(algorithm)) {
      return jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
    }
    if (JWSAlgorithm.ES384.equals(algorithm)) {
      return jwk instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
    }
    if (JWSAlgorithm.ES512.equals(algorithm)) {
      return jwk instanceof ECKey ec && Curve.P_521.equals(ec.getCurve());
    }
    if (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)) {
      return jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
    }
    return false;
  }
}
