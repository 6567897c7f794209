package io.pargateway.config;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.crypto.VerificationKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * The authentication metadata of one client (RFC 7591 §2, RFC 7523, RFC 8705 §2.1.2), checked in
 * the order of {@link #validate}: the method, then no value that belongs to another method, then
 * what the method needs. Text values are never quoted: a misplaced secret must not reach a log.
 */
final class ClientAuthValidator {

  static final List<String> HMAC_ALGORITHMS = List.of("HS256", "HS384", "HS512");

  private static final List<String> SECRET_METHODS =
      List.of("client_secret_basic", "client_secret_post", "client_secret_jwt");
  private static final List<String> ASSERTION_METHODS =
      List.of("client_secret_jwt", "private_key_jwt");
  private static final List<String> KEY_METHODS =
      List.of("private_key_jwt", "self_signed_tls_client_auth");
  private static final List<String> CERTIFICATE_METHODS =
      List.of("tls_client_auth", "self_signed_tls_client_auth");
  private static final List<String> PKI_METHODS = List.of("tls_client_auth");

  /** A client value and the methods it belongs to. */
  private record Field(String name, Function<ClientConfig, Object> value, List<String> methods) {}

  /** In the order of the keys in the file. */
  private static final List<Field> FIELDS =
      List.of(
          new Field("client_secret", ClientConfig::clientSecret, SECRET_METHODS),
          new Field(
              "token_endpoint_auth_signing_alg",
              ClientConfig::tokenEndpointAuthSigningAlg,
              ASSERTION_METHODS),
          new Field("jwks", ClientConfig::jwks, KEY_METHODS),
          new Field("jwks_uri", ClientConfig::jwksUri, KEY_METHODS),
          new Field(
              "tls_client_auth_subject_dn", ClientConfig::tlsClientAuthSubjectDn, PKI_METHODS),
          new Field("tls_client_auth_san_dns", ClientConfig::tlsClientAuthSanDns, PKI_METHODS),
          new Field("tls_client_auth_san_uri", ClientConfig::tlsClientAuthSanUri, PKI_METHODS),
          new Field("tls_client_auth_san_ip", ClientConfig::tlsClientAuthSanIp, PKI_METHODS),
          new Field("tls_client_auth_san_email", ClientConfig::tlsClientAuthSanEmail, PKI_METHODS));

  /** The {@code tls_client_auth_*} fields, of which a {@code tls_client_auth} client has one. */
  private static final List<Field> TLS_SUBJECT_FIELDS =
      FIELDS.stream().filter(field -> field.name().startsWith("tls_client_auth_")).toList();

  /** RFC 1035 §2.3.1 labels, with {@code _} tolerated and a leading {@code *.} wildcard. */
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
              + "(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private ClientAuthValidator() {}

  /**
   * @param key the dotted path of the client, e.g. {@code clients[0]}
   * @param certificatesArrive whether a listener asks for client certificates or a proxy forwards
   *     them
   */
  static void validate(
      String key,
      ClientConfig client,
      ClientAuthenticationConfig authentication,
      boolean certificatesArrive) {
    String method = method(key, client);
    onlyForTheirMethods(key, client, method);
    signingAlgorithm(key, client, method, authentication.assertion());
    sharedSecret(key, client, method);
    keys(key, client, method, authentication.assertion());
    tlsSubject(key, client, method, authentication.mtls());
    certificateSource(key, method, certificatesArrive);
  }

  private static String method(String key, ClientConfig client) {
    String method = client.tokenEndpointAuthMethod();
    if (method == null) {
      throw new ConfigProblem(key + ".token_endpoint_auth_method", "required");
    }
    if (!ConfigValidator.AUTH_METHODS.contains(method)) {
      throw new ConfigProblem(
          key + ".token_endpoint_auth_method",
          "not supported; use " + String.join(", ", ConfigValidator.AUTH_METHODS));
    }
    return method;
  }

  /** A value of another method is a mistake: refused rather than silently unused. */
  private static void onlyForTheirMethods(String key, ClientConfig client, String method) {
    for (Field field : FIELDS) {
      if (isSet(field.value().apply(client)) && !field.methods().contains(method)) {
        throw new ConfigProblem(
            key + "." + field.name(),
            method.equals("none")
                ? "not allowed when token_endpoint_auth_method is none"
                : "only for " + and(field.methods()) + ", not " + method);
      }
    }
  }

  /**
   * The algorithm a client registered (RFC 7591 §2 {@code token_endpoint_auth_signing_alg}) must be
   * of its method's kind and accepted by the gateway; without one, the gateway must accept one of
   * that kind.
   */
  private static void signingAlgorithm(
      String key,
      ClientConfig client,
      String method,
      ClientAuthenticationConfig.AssertionConfig a) {
    if (!ASSERTION_METHODS.contains(method)) {
      return;
    }
    boolean hmac = method.equals("client_secret_jwt");
    String algorithm = client.tokenEndpointAuthSigningAlg();
    String algorithmKey = key + ".token_endpoint_auth_signing_alg";
    if (isSet(algorithm)) {
      ConfigValidator.requireAlgorithm(algorithmKey, algorithm);
      if (hmac && !HMAC_ALGORITHMS.contains(algorithm)) {
        throw new ConfigProblem(
            algorithmKey, "must be HS256, HS384 or HS512 for client_secret_jwt");
      }
      if (!hmac && HMAC_ALGORITHMS.contains(algorithm)) {
        throw new ConfigProblem(
            algorithmKey,
            "must be an asymmetric algorithm for private_key_jwt; HS algorithms are for"
                + " client_secret_jwt");
      }
      if (!a.algorithms().contains(algorithm)) {
        throw new ConfigProblem(algorithmKey, "not in client_authentication.assertion.algorithms");
      }
    } else if (a.algorithms().stream().noneMatch(alg -> HMAC_ALGORITHMS.contains(alg) == hmac)) {
      throw new ConfigProblem(
          "client_authentication.assertion.algorithms",
          (hmac ? "has no HS algorithm" : "has no asymmetric algorithm")
              + ", which "
              + key
              + " needs for "
              + method);
    }
  }

  /**
   * A shared secret for the methods that use one (RFC 6749 §2.3.1); for {@code client_secret_jwt}
   * its UTF-8 octets are the HMAC key (OIDC Core §10.1), which must be at least as long as the hash
   * (RFC 7518 §3.2).
   */
  private static void sharedSecret(String key, ClientConfig client, String method) {
    if (!SECRET_METHODS.contains(method)) {
      return;
    }
    String secretKey = key + ".client_secret";
    if (!isSet(client.clientSecret())) {
      throw new ConfigProblem(secretKey, "required for " + method);
    }
    if (method.equals("client_secret_jwt")) {
      int minBytes = hmacKeyBytes(client.tokenEndpointAuthSigningAlg());
      if (client.clientSecret().getBytes(StandardCharsets.UTF_8).length < minBytes) {
        // The length is not given either: it tells something about the secret.
        throw new ConfigProblem(
            secretKey,
            "too short for client_secret_jwt: the HMAC key must be at least "
                + minBytes
                + " bytes ("
                + minBytes * 8
                + " bits) in UTF-8 (RFC 7518 §3.2)");
      }
    }
  }

  /** The shortest HMAC key for {@code algorithm}; HS256's when the client names none. */
  private static int hmacKeyBytes(String algorithm) {
    if ("HS512".equals(algorithm)) {
      return 64;
    }
    return "HS384".equals(algorithm) ? 48 : 32;
  }

  /** Exactly one of {@code jwks} and {@code jwks_uri} (RFC 7591 §2), each valid. */
  private static void keys(
      String key,
      ClientConfig client,
      String method,
      ClientAuthenticationConfig.AssertionConfig a) {
    if (!KEY_METHODS.contains(method)) {
      return;
    }
    boolean inline = client.jwks() != null;
    boolean uri = isSet(client.jwksUri());
    if (inline && uri) {
      throw new ConfigProblem(
          key + ".jwks_uri", "not allowed together with jwks; give one of them (RFC 7591 §2)");
    }
    if (!inline && !uri) {
      throw new ConfigProblem(key + ".jwks", "required for " + method + ", or jwks_uri");
    }
    if (uri) {
      ConfigValidator.requireHttpsUrl(key + ".jwks_uri", client.jwksUri());
      return;
    }
    JWKSet jwks = InlineJwks.parse(key + ".jwks", client.jwks());
    if (method.equals("private_key_jwt")) {
      List<String> algorithms =
          isSet(client.tokenEndpointAuthSigningAlg())
              ? List.of(client.tokenEndpointAuthSigningAlg())
              : a.algorithms().stream().filter(alg -> !HMAC_ALGORITHMS.contains(alg)).toList();
      boolean usable =
          jwks.getKeys().stream()
              .anyMatch(
                  jwk ->
                      algorithms.stream()
                          .anyMatch(alg -> VerificationKeys.fits(jwk, JWSAlgorithm.parse(alg))));
      if (!usable) {
        throw new ConfigProblem(
            key + ".jwks",
            "holds no key for the algorithms this client may use (" + and(algorithms) + ")");
      }
    }
  }

  /**
   * A {@code tls_client_auth} client names exactly one subject value its certificate must have (RFC
   * 8705 §2.1.2), and the gateway has CAs to validate the chain with (RFC 8705 §2.1).
   */
  private static void tlsSubject(
      String key, ClientConfig client, String method, ClientAuthenticationConfig.MtlsConfig mtls) {
    if (!PKI_METHODS.contains(method)) {
      return;
    }
    List<Field> given =
        TLS_SUBJECT_FIELDS.stream().filter(field -> isSet(field.value().apply(client))).toList();
    if (given.isEmpty()) {
      throw new ConfigProblem(
          key + "." + TLS_SUBJECT_FIELDS.get(0).name(),
          "required for tls_client_auth, or one of "
              + and(TLS_SUBJECT_FIELDS.stream().skip(1).map(Field::name).toList())
              + " (RFC 8705 §2.1.2)");
    }
    if (given.size() > 1) {
      throw new ConfigProblem(
          key + "." + given.get(1).name(),
          "not allowed together with "
              + given.get(0).name()
              + "; give exactly one (RFC 8705 §2.1.2)");
    }
    Field field = given.get(0);
    subjectValue(key + "." + field.name(), field.name(), (String) field.value().apply(client));
    if (!isSet(mtls.trustAnchorsPath())) {
      throw new ConfigProblem(
          "client_authentication.mtls.trust_anchors_path",
          "required: " + key + " uses tls_client_auth, whose certificate chains are validated");
    }
  }

  private static void subjectValue(String key, String name, String value) {
    switch (name) {
      case "tls_client_auth_subject_dn" -> {
        try {
          new X500Principal(value);
        } catch (IllegalArgumentException e) {
          throw new ConfigProblem(
              key, "must be a distinguished name in RFC 4514 form, e.g. CN=client,O=Example");
        }
      }
      case "tls_client_auth_san_dns" -> {
        if (value.length() > 253 || !DNS_NAME.matcher(value).matches()) {
          throw new ConfigProblem(key, "must be a DNS name, e.g. client.example.com");
        }
      }
      case "tls_client_auth_san_uri" -> {
        URI uri = ConfigValidator.parse(key, value, "must be an absolute URI");
        if (!uri.isAbsolute()) {
          throw new ConfigProblem(key, "must be an absolute URI");
        }
      }
      case "tls_client_auth_san_ip" -> {
        try {
          IpRange.parseLiteral(value);
        } catch (IllegalArgumentException e) {
          throw new ConfigProblem(key, "must be an IPv4 or IPv6 address: " + e.getMessage());
        }
      }
      case "tls_client_auth_san_email" -> {
        if (!EMAIL.matcher(value).matches()) {
          throw new ConfigProblem(key, "must be an email address, e.g. client@example.com");
        }
      }
      default -> throw new IllegalStateException("no rule for " + name);
    }
  }

  /** The certificate of a mutual-TLS method must have a way in (RFC 8705 §2, §6.5). */
  private static void certificateSource(String key, String method, boolean certificatesArrive) {
    if (CERTIFICATE_METHODS.contains(method) && !certificatesArrive) {
      throw new ConfigProblem(
          key + ".token_endpoint_auth_method",
          method
              + " needs client certificates: set tls.client_auth: request on a listener, or"
              + " client_authentication.mtls.forwarded_certificate.header");
    }
  }

  /** Whether a value was given: not null, and not empty text. */
  static boolean isSet(Object value) {
    return value != null && !(value instanceof String text && text.isEmpty());
  }

  private static String and(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
        + " and "
        + names.get(names.size() - 1);
  }
}
