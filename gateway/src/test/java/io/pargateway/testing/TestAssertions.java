package io.pargateway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Client assertions (RFC 7523) signed with real keys, built member by member so that tests can
 * write any header or claim, including the ones the gateway must refuse.
 */
public final class TestAssertions {

  public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private TestAssertions() {}

  /** Makes the signature over a JWS signing input. */
  @FunctionalInterface
  public interface Signer {
    byte[] sign(byte[] signingInput) throws GeneralSecurityException, JOSEException;
  }

  /** An Ed25519 key pair made by the JDK (nimbus would need Tink), with its public JWK. */
  public record Ed25519(OctetKeyPair publicJwk, PrivateKey privateKey) {

    public static Ed25519 generate(String kid) {
      try {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        // X.509 SubjectPublicKeyInfo of Ed25519: 12 bytes of header, then the 32 key bytes.
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        OctetKeyPair jwk =
            new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(kid).build();
        return new Ed25519(jwk, pair.getPrivate());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RS256, RS384, RS512, PS256... with {@code key}. */
  public static Signer rsaSigner(RSAKey key, JWSAlgorithm algorithm) {
    return input -> new RSASSASigner(key).sign(new JWSHeader(algorithm), input).decode();
  }

  public static Signer ecSigner(ECKey key) {
    return input -> new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256), input).decode();
  }

  public static Signer macSigner(byte[] secret, JWSAlgorithm algorithm) {
    return input -> new MACSigner(secret).sign(new JWSHeader(algorithm), input).decode();
  }

  /** EdDSA with the JDK's own Ed25519. */
  public static Signer ed25519Signer(Ed25519 key) {
    return input -> {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key.privateKey());
      signature.update(input);
      return signature.sign();
    };
  }

  /** {@code {"keys": [...]}} of the public parts, as a YAML flow mapping (JSON is YAML). */
  public static String jwksYaml(JWK... keys) {
    return jwksJson(keys);
  }

  /** {@code {"keys": [...]}} of the public parts, as JSON. */
  public static String jwksJson(JWK... keys) {
    return "{\"keys\":["
        + Arrays.stream(keys)
            .map(key -> JSONObjectUtils.toJSONString(key.toPublicJWK().toJSONObject()))
            .collect(Collectors.joining(","))
        + "]}";
  }

  /** A valid assertion of {@code clientId} for {@code audience}, to change member by member. */
  public static Jws assertion(String clientId, Object audience) {
    long now = Instant.now().getEpochSecond();
    return new Jws()
        .claim("iss", clientId)
        .claim("sub", clientId)
        .claim("aud", audience)
        .claim("iat", now)
        .claim("exp", now + 60)
        .claim("jti", UUID.randomUUID().toString());
  }

  /** A JWS in compact form, from header and claims members written as given. */
  public static final class Jws {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    /** Sets a header member; {@code null} removes it. */
    public Jws header(String name, Object value) {
      put(header, name, value);
      return this;
    }

    /** Sets a claim; {@code null} removes it. */
    public Jws claim(String name, Object value) {
      put(claims, name, value);
      return this;
    }

    /** Sets the claims to seconds from now. */
    public Jws secondsFromNow(String claim, long seconds) {
      return claim(claim, Instant.now().getEpochSecond() + seconds);
    }

    public Jws kid(String kid) {
      return header("kid", kid);
    }

    public Object claim(String name) {
      return claims.get(name);
    }

    /** Signs with {@code signer} under {@code alg}, which is written into the header first. */
    public String sign(String alg, Signer signer) {
      header.put("alg", alg);
      String input = encode(header) + "." + encode(claims);
      try {
        return input
            + "."
            + Base64URL.encode(signer.sign(input.getBytes(StandardCharsets.US_ASCII))).toString();
      } catch (GeneralSecurityException | JOSEException e) {
        throw new IllegalStateException(e);
      }
    }

    /** {@code alg: none} and an empty signature: an unsecured JWT (RFC 7519 §6). */
    public String unsecured() {
      header.put("alg", "none");
      return encode(header) + "." + encode(claims) + ".";
    }

    private static String encode(Map<String, Object> members) {
      return Base64URL.encode(JSONObjectUtils.toJSONString(members)).toString();
    }

    private static void put(Map<String, Object> map, String name, Object value) {
      if (value == null) {
        map.remove(name);
      } else {
        map.put(name, value instanceof List<?> list ? List.copyOf(list) : value);
      }
    }
  }

  /** The form of a push authenticated with {@code assertion}, {@code client_id} included. */
  public static Map<String, String> form(String clientId, String assertion) {
    Map<String, String> form = new LinkedHashMap<>(Pushes.validRequest());
    form.put("client_id", clientId);
    form.put("client_assertion_type", TYPE);
    form.put("client_assertion", assertion);
    return form;
  }
}
