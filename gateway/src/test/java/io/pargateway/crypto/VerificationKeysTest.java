package io.pargateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.pargateway.testing.TestAssertions;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerificationKeysTest {

  private static final RSAKey RSA = TestAssertions.rsa("rsa");
  private static final ECKey P256 = TestAssertions.ec("p256");
  private static final JWK ED = TestAssertions.Ed25519.generate("ed").publicJwk();

  static Stream<Arguments> keysAndAlgorithms() throws Exception {
    ECKey p384 = new ECKeyGenerator(Curve.P_384).generate().toPublicJWK();
    ECKey p256Es384 = new ECKey.Builder(P256.toPublicJWK()).algorithm(JWSAlgorithm.ES384).build();
    RSAKey rsaRs256Only =
        new RSAKey.Builder(RSA.toPublicJWK()).algorithm(JWSAlgorithm.RS256).build();
    return Stream.of(
        Arguments.of("RSA for RS256", RSA.toPublicJWK(), JWSAlgorithm.RS256, true),
        Arguments.of("RSA for PS256", RSA.toPublicJWK(), JWSAlgorithm.PS256, true),
        Arguments.of("RSA alg RS256 for PS256", rsaRs256Only, JWSAlgorithm.PS256, false),
        Arguments.of("RSA for ES256", RSA.toPublicJWK(), JWSAlgorithm.ES256, false),
        Arguments.of("P-256 for ES256", P256.toPublicJWK(), JWSAlgorithm.ES256, true),
        Arguments.of("P-384 for ES256", p384, JWSAlgorithm.ES256, false),
        Arguments.of("P-384 for ES384", p384, JWSAlgorithm.ES384, true),
        Arguments.of("P-256 with alg ES384 for ES256", p256Es384, JWSAlgorithm.ES256, false),
        Arguments.of("Ed25519 for EdDSA", ED, JWSAlgorithm.EdDSA, true),
        Arguments.of("Ed25519 for ES256", ED, JWSAlgorithm.ES256, false),
        Arguments.of("P-256 for EdDSA", P256.toPublicJWK(), JWSAlgorithm.EdDSA, false),
        Arguments.of("RSA for HS256", RSA.toPublicJWK(), JWSAlgorithm.HS256, false));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("keysAndAlgorithms")
  void fitsWhenKindCurveAndAlgMatch(String name, JWK key, JWSAlgorithm algorithm, boolean fits) {
    assertThat(VerificationKeys.fits(key, algorithm)).isEqualTo(fits);
  }

  @Test
  void whenPrivateMembersThenDroppedBeforeParsing() {
    assertThat(VerificationKeys.parsePublic(RSA.toJSONObject())).isEmpty();
    assertThat(VerificationKeys.parsePublic(P256.toJSONObject())).isEmpty();
    assertThat(VerificationKeys.parsePublic(RSA.toPublicJWK().toJSONObject())).isPresent();
  }

  @Test
  void whenUnsuitableThenDropped() throws Exception {
    RSAKey rsa1024 = new RSAKeyGenerator(1024, true).generate().toPublicJWK();
    ECKey secp256k1 =
        new ECKeyGenerator(Curve.SECP256K1)
            .provider(new BouncyCastleProvider())
            .generate()
            .toPublicJWK();
    JWK encryption = new ECKey.Builder(P256.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build();
    JWK oct = new OctetSequenceKeyGenerator(256).generate();

    assertThat(VerificationKeys.parsePublic(rsa1024.toJSONObject())).isEmpty();
    assertThat(VerificationKeys.parsePublic(secp256k1.toJSONObject())).isEmpty();
    assertThat(VerificationKeys.parsePublic(encryption.toJSONObject())).isEmpty();
    assertThat(VerificationKeys.parsePublic(oct.toJSONObject())).isEmpty();
    assertThat(VerificationKeys.parsePublic(Map.of("kty", "RSA"))).isEmpty();
    assertThat(VerificationKeys.parsePublic(ED.toJSONObject())).isPresent();
  }
}
