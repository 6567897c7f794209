package io.pargateway.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.pargateway.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Real keys for configuration tests, as the JWK mappings a YAML file would hold. */
final class TestKeys {

  static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("rsa").generate());
  static final ECKey P256 =
      generate(() -> new ECKeyGenerator(Curve.P_256).keyID("p256").generate());
  static final ECKey P384 =
      generate(() -> new ECKeyGenerator(Curve.P_384).keyID("p384").generate());

  private TestKeys() {}

  /** The public JWK as written in a file. */
  static Map<String, Object> publicJwk(JWK jwk) {
    return jwk.toPublicJWK().toJSONObject();
  }

  /** {@code {keys: [...]}} of the public parts of {@code keys}. */
  static Map<String, Object> jwks(JWK... keys) {
    return Map.of("keys", Arrays.stream(keys).map(TestKeys::publicJwk).toList());
  }

  /** {@code {keys: [...]}} of the given JWK mappings, as written. */
  static Map<String, Object> jwksOf(Object... keys) {
    return Map.of("keys", List.of(keys));
  }

  /** An RSA key with its private parts, which a client must never register. */
  static Map<String, Object> privateRsa() {
    return RSA.toJSONObject();
  }

  static Map<String, Object> privateEc() {
    return P256.toJSONObject();
  }

  static Map<String, Object> rsa1024() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(1024);
      return new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic())
          .keyID("weak")
          .build()
          .toJSONObject();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real secp256k1 key (the JDK no longer has the curve; BouncyCastle does). */
  static Map<String, Object> secp256k1() {
    return generate(
            () ->
                new ECKeyGenerator(Curve.SECP256K1)
                    .provider(new BouncyCastleProvider())
                    .keyID("k1")
                    .generate())
        .toPublicJWK()
        .toJSONObject();
  }

  /** The same key under the curve's older JOSE name. */
  static Map<String, Object> p256k() {
    Map<String, Object> key = new java.util.LinkedHashMap<>(secp256k1());
    key.put("crv", "P-256K");
    return key;
  }

  static Map<String, Object> oct() {
    OctetSequenceKey key =
        generate(() -> new OctetSequenceKeyGenerator(256).keyID("oct").generate());
    return key.toJSONObject();
  }

  /** An Ed25519 key from the JDK (nimbus's OKP generator needs Tink, which is not here). */
  static OctetKeyPair ed25519() {
    return okp("Ed25519", Curve.Ed25519);
  }

  static Map<String, Object> x25519() {
    return okp("X25519", Curve.X25519).toJSONObject();
  }

  private static OctetKeyPair okp(String algorithm, Curve curve) {
    try {
      PublicKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic();
      byte[] encoded = key.getEncoded();
      // SubjectPublicKeyInfo of RFC 8410: a fixed 12-byte prefix, then the 32-byte key.
      byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      return new OctetKeyPair.Builder(curve, Base64URL.encode(x)).keyID(algorithm).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK of a self-signed certificate, with the certificate in x5c. */
  static Map<String, Object> withCertificate(Path dir) {
    try {
      String pem = Files.readString(TestCertificates.selfSignedServer(dir).certPath());
      return JWK.parseFromPEMEncodedX509Cert(pem).toJSONObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Generator<T> {
    T generate() throws JOSEException;
  }

  private static <T> T generate(Generator<T> generator) {
    try {
      return generator.generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
