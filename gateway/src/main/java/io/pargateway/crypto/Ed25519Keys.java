package io.pargateway.crypto;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 public keys between their JWK form (RFC 8037: the raw 32 bytes in {@code x}) and the
 * JCA's, so that checks can run on a JCA provider (nimbus's own Ed25519 verifier needs Tink).
 */
public final class Ed25519Keys {

  /** The DER SubjectPublicKeyInfo header for Ed25519 (RFC 8410 §4), before the 32 key bytes. */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final int KEY_LENGTH = 32;

  private Ed25519Keys() {}

  /**
   * The JCA public key of an Ed25519 JWK.
   *
   * @throws GeneralSecurityException when the JWK is not an Ed25519 public key
   */
  public static PublicKey toPublicKey(OctetKeyPair jwk) throws GeneralSecurityException {
    if (!Curve.Ed25519.equals(jwk.getCurve())) {
      throw new GeneralSecurityException("not an Ed25519 key");
    }
    byte[] raw = jwk.getDecodedX();
    if (raw.length != KEY_LENGTH) {
      throw new GeneralSecurityException("Ed25519 key is not 32 bytes");
    }
    byte[] encoded = new byte[SPKI_PREFIX.length + KEY_LENGTH];
    System.arraycopy(SPKI_PREFIX, 0, encoded, 0, SPKI_PREFIX.length);
    System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, KEY_LENGTH);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }
}
