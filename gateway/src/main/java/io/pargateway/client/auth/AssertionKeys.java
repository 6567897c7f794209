package io.pargateway.client.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.crypto.VerificationKeys;
import java.util.List;

/**
 * Which of a client's keys may have signed an assertion: those that fit its {@code alg} ({@code
 * kty}, curve, {@code alg} and {@code use} of the key, {@link VerificationKeys#fits}) and, when the
 * header names a {@code kid}, carry that {@code kid}. Without a {@code kid}, or with one that
 * several keys share, every fitting key is a candidate: FAPI 2.0's rule for duplicate or missing
 * {@code kid} values. At most {@link #MAX_CANDIDATES} are tried, so that one request cannot make
 * the gateway check a signature against many keys; past that, the assertion must name its key.
 */
final class AssertionKeys {

  static final int MAX_CANDIDATES = 4;

  private AssertionKeys() {}

  /** The keys of {@code keys} to verify an assertion with {@code header} against, in set order. */
  static List<JWK> candidates(JWKSet keys, JWSHeader header) {
    String kid = header.getKeyID();
    return keys.getKeys().stream()
        .filter(key -> kid == null || kid.equals(key.getKeyID()))
        .filter(key -> VerificationKeys.fits(key, header.getAlgorithm()))
        .toList();
  }
}
