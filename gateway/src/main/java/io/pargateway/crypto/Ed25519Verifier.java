package io.pargateway.crypto;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Set;

/**
 * Verifies {@code EdDSA} signatures made with an Ed25519 key (<a
 * href="https://datatracker.ietf.org/doc/html/rfc8037#section-3.1">RFC 8037 §3.1</a>) through the
 * JCA, on the provider of its {@link #getJCAContext() JCA context} (the JDK's when none is set).
 * nimbus's own {@code Ed25519Verifier} would need Google Tink.
 *
 * <p>Thread-safe: a {@link Signature} is made per check.
 */
final class Ed25519Verifier implements JWSVerifier {

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

  /** RFC 8032 §5.1.6: R and S, 32 bytes each. */
  private static final int SIGNATURE_LENGTH = 64;

  private final PublicKey key;
  private final JCAContext jca = new JCAContext();

  Ed25519Verifier(PublicKey key) {
    this.key = requireNonNull(key, "key");
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return ALGORITHMS;
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
      throws JOSEException {
    if (!ALGORITHMS.contains(header.getAlgorithm())) {
      throw new JOSEException("not an EdDSA signature");
    }
    // No critical header parameter is understood here (RFC 7515 §4.1.11).
    if (header.getCriticalParams() != null) {
      return false;
    }
    byte[] raw = signature.decode();
    if (raw.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature verifier = newSignature();
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(raw);
    } catch (SignatureException e) {
      return false;
    } catch (InvalidKeyException | NoSuchAlgorithmException e) {
      throw new JOSEException("Ed25519 verification is not available: " + e.getMessage(), e);
    }
  }

  private Signature newSignature() throws NoSuchAlgorithmException {
    Provider provider = jca.getProvider();
    return provider == null
        ? Signature.getInstance("Ed25519")
        : Signature.getInstance("Ed25519", provider);
  }
}
