package io.pargateway.config;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's inline JWK Set ({@code jwks}, RFC 7591 §2): public signature keys of the kinds the
 * gateway accepts, each checked on its own so that a problem names its key ({@code
 * clients[0].jwks.keys[1]}).
 */
final class InlineJwks {

  /** RFC 7518 §6.3.1 (RSA), §6.2.2 (EC, OKP: RFC 8037 §2) and §6.4.1 (oct) private members. */
  private static final Set<String> PRIVATE_MEMBERS =
      Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  /** RFC 7518 §3.4: ES256, ES384 and ES512 use these curves. */
  private static final Set<String> EC_CURVES = Set.of("P-256", "P-384", "P-521");

  /** RSA keys shorter than this are refused (RFC 7518 §3.3 says 2048 bits or larger). */
  private static final int MIN_RSA_BITS = 2048;

  private InlineJwks() {}

  /**
   * The JWK Set {@code jwks} holds, if every key in it is acceptable.
   *
   * @param key the dotted path of {@code jwks}, for messages
   * @throws ConfigProblem naming the first key that is not
   */
  static JWKSet parse(String key, Map<String, Object> jwks) {
    String keysKey = key + ".keys";
    if (!(jwks.get("keys") instanceof List<?> list)) {
      throw new ConfigProblem(keysKey, "required, a list of JWKs (RFC 7517 §5)");
    }
    if (list.isEmpty()) {
      throw new ConfigProblem(keysKey, "required, at least one key");
    }
    List<JWK> keys = new ArrayList<>();
    Map<String, Integer> indexByKid = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String elementKey = ConfigProblem.element(keysKey, i);
      JWK jwk = parseKey(elementKey, list.get(i));
      if (jwk.getKeyID() != null) {
        Integer first = indexByKid.putIfAbsent(jwk.getKeyID(), i);
        if (first != null) {
          // RFC 7517 §4.5: keys are told apart by kid.
          throw new ConfigProblem(
              elementKey + ".kid", "the same as " + ConfigProblem.element(keysKey, first));
        }
      }
      keys.add(jwk);
    }
    return new JWKSet(keys);
  }

  private static JWK parseKey(String key, Object element) {
    if (!(element instanceof Map<?, ?> raw)) {
      throw new ConfigProblem(key, "must be a JWK, a mapping of its members");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) raw;
    Object kty = members.get("kty");
    if ("oct".equals(kty)) {
      throw new ConfigProblem(
          key,
          "symmetric (oct) keys are not allowed; client_secret_jwt uses the client_secret instead");
    }
    if (!"RSA".equals(kty) && !"EC".equals(kty) && !"OKP".equals(kty)) {
      throw new ConfigProblem(key, "kty must be RSA, EC or OKP");
    }
    // Before parsing, so that no parser message can ever come near a private value.
    if (members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
      throw new ConfigProblem(
          key, "holds a private key; register the public key only (remove d and the other parts)");
    }
    if ("EC".equals(kty) && !EC_CURVES.contains(members.get("crv"))) {
      throw new ConfigProblem(key, "an EC key must be on P-256, P-384 or P-521");
    }
    if ("OKP".equals(kty) && !"Ed25519".equals(members.get("crv"))) {
      throw new ConfigProblem(key, "an OKP key must be on Ed25519 (RFC 8037)");
    }
    JWK jwk;
    try {
      jwk = JWK.parse(members);
    } catch (ParseException e) {
      throw new ConfigProblem(key, "not a valid JWK: " + oneLine(e.getMessage()));
    }
    if (jwk.isPrivate()) {
      throw new ConfigProblem(key, "holds a private key; register the public key only");
    }
    if (jwk instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
      throw new ConfigProblem(
          key,
          "an RSA key must have at least " + MIN_RSA_BITS + " bits, this one has " + rsa.size());
    }
    if (jwk instanceof ECKey ec && !EC_CURVES.contains(ec.getCurve().getName())) {
      throw new ConfigProblem(key, "an EC key must be on P-256, P-384 or P-521");
    }
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new ConfigProblem(key + ".use", "must be sig: client keys verify signatures");
    }
    return jwk;
  }

  /** A parser message on one line; it can only quote public members, private ones are refused. */
  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }
}
