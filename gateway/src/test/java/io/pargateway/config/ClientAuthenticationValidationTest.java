package io.pargateway.config;

import static io.pargateway.config.TestConfigs.NO_ENV;
import static io.pargateway.config.TestConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pargateway.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of {@code client_authentication} and of each client's authentication metadata. */
class ClientAuthenticationValidationTest {

  /** Stands for the trust anchors file in the tables; replaced when the YAML is written. */
  private static final String ANCHORS = "TRUST-ANCHORS-PATH";

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir static Path dir;

  private static Path anchors;

  @BeforeAll
  static void writeTrustAnchors() {
    anchors = TestCertificates.selfSignedServer(dir).certPath();
  }

  /** Certificates reach the gateway through a trusted proxy, and CAs are configured. */
  private static final Map<String, Object> MTLS_READY =
      Map.of(
          "mtls",
          Map.of(
              "trust_anchors_path",
              ANCHORS,
              "forwarded_certificate",
              Map.of("header", "ssl-client-cert", "trusted_proxies", List.of("10.0.0.0/8"))));

  private static final Map<String, Object> NO_SECTION = Map.of();

  static Stream<Arguments> refused() {
    String secret32 = "s".repeat(32);
    return Stream.of(
        // A value of another method.
        arguments(
            client(
                "client_secret_basic", "client_secret", "x", "jwks", TestKeys.jwks(TestKeys.RSA)),
            NO_SECTION,
            "clients[0].jwks: only for private_key_jwt and self_signed_tls_client_auth, not"
                + " client_secret_basic"),
        arguments(
            client("client_secret_basic", "client_secret", "x", "jwks_uri", "https://a/jwks"),
            NO_SECTION,
            "clients[0].jwks_uri: only for private_key_jwt and self_signed_tls_client_auth"),
        arguments(
            client(
                "client_secret_post",
                "client_secret",
                "x",
                "token_endpoint_auth_signing_alg",
                "RS256"),
            NO_SECTION,
            "clients[0].token_endpoint_auth_signing_alg: only for client_secret_jwt and"
                + " private_key_jwt, not client_secret_post"),
        arguments(
            client(
                "private_key_jwt",
                "jwks",
                TestKeys.jwks(TestKeys.RSA),
                "tls_client_auth_san_dns",
                "app.example.com"),
            NO_SECTION,
            "clients[0].tls_client_auth_san_dns: only for tls_client_auth, not private_key_jwt"),
        arguments(
            client("private_key_jwt", "client_secret", "x", "jwks", TestKeys.jwks(TestKeys.RSA)),
            NO_SECTION,
            "clients[0].client_secret: only for client_secret_basic, client_secret_post and"
                + " client_secret_jwt, not private_key_jwt"),
        arguments(
            client(
                "tls_client_auth",
                "tls_client_auth_san_dns",
                "app.example.com",
                "jwks",
                TestKeys.jwks(TestKeys.RSA)),
            MTLS_READY,
            "clients[0].jwks: only for private_key_jwt and self_signed_tls_client_auth, not"
                + " tls_client_auth"),
        arguments(
            client(
                "self_signed_tls_client_auth",
                "jwks",
                TestKeys.jwks(TestKeys.RSA),
                "tls_client_auth_subject_dn",
                "CN=app"),
            MTLS_READY,
            "clients[0].tls_client_auth_subject_dn: only for tls_client_auth, not"
                + " self_signed_tls_client_auth"),
        arguments(
            client("none", "jwks_uri", "https://a/jwks"),
            NO_SECTION,
            "clients[0].jwks_uri: not allowed when token_endpoint_auth_method is none"),
        // client_secret_jwt
        arguments(
            client("client_secret_jwt"),
            NO_SECTION,
            "clients[0].client_secret: required for client_secret_jwt"),
        arguments(
            client("client_secret_jwt", "client_secret", "s".repeat(31)),
            NO_SECTION,
            "clients[0].client_secret: too short for client_secret_jwt: the HMAC key must be at"
                + " least 32 bytes (256 bits) in UTF-8 (RFC 7518 §3.2)"),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                "s".repeat(47),
                "token_endpoint_auth_signing_alg",
                "HS384"),
            NO_SECTION,
            "clients[0].client_secret: too short for client_secret_jwt: the HMAC key must be at"
                + " least 48 bytes (384 bits)"),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                "s".repeat(63),
                "token_endpoint_auth_signing_alg",
                "HS512"),
            NO_SECTION,
            "clients[0].client_secret: too short for client_secret_jwt: the HMAC key must be at"
                + " least 64 bytes (512 bits)"),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                secret32,
                "token_endpoint_auth_signing_alg",
                "RS256"),
            NO_SECTION,
            "clients[0].token_endpoint_auth_signing_alg: must be HS256, HS384 or HS512 for"
                + " client_secret_jwt"),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                secret32,
                "token_endpoint_auth_signing_alg",
                "none"),
            NO_SECTION,
            "clients[0].token_endpoint_auth_signing_alg: none is never allowed: client assertions"
                + " must be signed (RFC 7523 §3)"),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                secret32,
                "token_endpoint_auth_signing_alg",
                "hs256"),
            NO_SECTION,
            "clients[0].token_endpoint_auth_signing_alg: must be one of PS256, ES256, EdDSA, RS256,"
                + " HS256, HS384, HS512"),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                "s".repeat(64),
                "token_endpoint_auth_signing_alg",
                "HS512"),
            Map.of("assertion", Map.of("algorithms", List.of("PS256", "HS256"))),
            "clients[0].token_endpoint_auth_signing_alg: not in"
                + " client_authentication.assertion.algorithms"),
        arguments(
            client("client_secret_jwt", "client_secret", secret32),
            Map.of("assertion", Map.of("algorithms", List.of("PS256", "ES256"))),
            "client_authentication.assertion.algorithms: has no HS algorithm, which clients[0]"
                + " needs for client_secret_jwt"),
        // private_key_jwt
        arguments(
            client("private_key_jwt"),
            NO_SECTION,
            "clients[0].jwks: required for private_key_jwt, or jwks_uri"),
        arguments(
            client(
                "private_key_jwt",
                "jwks",
                TestKeys.jwks(TestKeys.RSA),
                "jwks_uri",
                "https://app.example.com/jwks"),
            NO_SECTION,
            "clients[0].jwks_uri: not allowed together with jwks; give one of them"),
        arguments(
            client(
                "private_key_jwt",
                "jwks",
                TestKeys.jwks(TestKeys.RSA),
                "token_endpoint_auth_signing_alg",
                "HS256"),
            NO_SECTION,
            "clients[0].token_endpoint_auth_signing_alg: must be an asymmetric algorithm for"
                + " private_key_jwt"),
        arguments(
            client("private_key_jwt", "jwks", TestKeys.jwks(TestKeys.RSA)),
            Map.of("assertion", Map.of("algorithms", List.of("HS256"))),
            "client_authentication.assertion.algorithms: has no asymmetric algorithm, which"
                + " clients[0] needs for private_key_jwt"),
        arguments(
            client(
                "private_key_jwt",
                "jwks",
                TestKeys.jwks(TestKeys.RSA),
                "token_endpoint_auth_signing_alg",
                "ES256"),
            NO_SECTION,
            "clients[0].jwks: holds no key for the algorithms this client may use (ES256)"),
        arguments(
            client("private_key_jwt", "jwks", TestKeys.jwks(TestKeys.P384)),
            NO_SECTION,
            "clients[0].jwks: holds no key for the algorithms this client may use (PS256, ES256,"
                + " EdDSA and RS256)"),
        arguments(
            client("private_key_jwt", "jwks", TestKeys.jwksOf(withAlg(TestKeys.RSA, "RS256"))),
            Map.of("assertion", Map.of("algorithms", List.of("PS256"))),
            "clients[0].jwks: holds no key for the algorithms this client may use (PS256)"),
        arguments(
            client("private_key_jwt", "jwks_uri", "http://app.example.com/jwks"),
            NO_SECTION,
            "clients[0].jwks_uri: must be an https URL (http only for localhost, 127.0.0.1 or"
                + " [::1])"),
        arguments(
            client("private_key_jwt", "jwks_uri", "https://app.example.com/jwks#keys"),
            NO_SECTION,
            "clients[0].jwks_uri: must not have a fragment"),
        arguments(
            client("private_key_jwt", "jwks_uri", "/jwks"),
            NO_SECTION,
            "clients[0].jwks_uri: must be an absolute URL with a host"),
        arguments(
            client("private_key_jwt", "jwks_uri", "https://user:pw@app.example.com/jwks"),
            NO_SECTION,
            "clients[0].jwks_uri: must not hold user info"),
        // The keys of an inline JWK Set.
        arguments(
            keysClient(TestKeys.privateRsa()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: holds a private key; register the public key only"),
        arguments(
            keysClient(TestKeys.privateEc()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: holds a private key; register the public key only"),
        arguments(
            keysClient(TestKeys.rsa1024()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: an RSA key must have at least 2048 bits, this one has 1024"),
        arguments(
            keysClient(TestKeys.secp256k1()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: an EC key must be on P-256, P-384 or P-521"),
        arguments(
            keysClient(TestKeys.p256k()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: an EC key must be on P-256, P-384 or P-521"),
        arguments(
            keysClient(TestKeys.oct()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: symmetric (oct) keys are not allowed; client_secret_jwt uses"
                + " the client_secret instead"),
        arguments(
            keysClient(TestKeys.x25519()),
            NO_SECTION,
            "clients[0].jwks.keys[0]: an OKP key must be on Ed25519 (RFC 8037)"),
        arguments(
            keysClient(TestKeys.publicJwk(TestKeys.RSA), TestKeys.oct()),
            NO_SECTION,
            "clients[0].jwks.keys[1]: symmetric (oct) keys are not allowed"),
        arguments(
            keysClient(without(TestKeys.publicJwk(TestKeys.RSA), "kty")),
            NO_SECTION,
            "clients[0].jwks.keys[0]: kty must be RSA, EC or OKP"),
        arguments(
            keysClient(without(TestKeys.publicJwk(TestKeys.RSA), "n")),
            NO_SECTION,
            "clients[0].jwks.keys[0]: not a valid JWK: "),
        arguments(
            keysClient(withMember(TestKeys.publicJwk(TestKeys.RSA), "use", "enc")),
            NO_SECTION,
            "clients[0].jwks.keys[0].use: must be sig: client keys verify signatures"),
        arguments(
            keysClient(
                TestKeys.publicJwk(TestKeys.RSA),
                withMember(TestKeys.publicJwk(TestKeys.P256), "kid", "rsa")),
            NO_SECTION,
            "clients[0].jwks.keys[1].kid: the same as clients[0].jwks.keys[0]"),
        arguments(
            client("private_key_jwt", "jwks", Map.of("key", List.of())),
            NO_SECTION,
            "clients[0].jwks.keys: required, a list of JWKs (RFC 7517 §5)"),
        arguments(
            client("private_key_jwt", "jwks", Map.of("keys", List.of())),
            NO_SECTION,
            "clients[0].jwks.keys: required, at least one key"),
        arguments(
            client("private_key_jwt", "jwks", Map.of("keys", List.of("rsa"))),
            NO_SECTION,
            "clients[0].jwks.keys[0]: must be a JWK, a mapping of its members"),
        // tls_client_auth
        arguments(
            client("tls_client_auth"),
            MTLS_READY,
            "clients[0].tls_client_auth_subject_dn: required for tls_client_auth, or one of"
                + " tls_client_auth_san_dns, tls_client_auth_san_uri, tls_client_auth_san_ip and"
                + " tls_client_auth_san_email (RFC 8705 §2.1.2)"),
        arguments(
            client(
                "tls_client_auth",
                "tls_client_auth_subject_dn",
                "CN=app",
                "tls_client_auth_san_dns",
                "app.example.com"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_dns: not allowed together with"
                + " tls_client_auth_subject_dn; give exactly one (RFC 8705 §2.1.2)"),
        arguments(
            client(
                "tls_client_auth",
                "tls_client_auth_san_uri",
                "spiffe://example.com/app",
                "tls_client_auth_san_email",
                "app@example.com"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_email: not allowed together with"
                + " tls_client_auth_san_uri"),
        arguments(
            client("tls_client_auth", "tls_client_auth_subject_dn", "not a DN"),
            MTLS_READY,
            "clients[0].tls_client_auth_subject_dn: must be a distinguished name in RFC 4514 form"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_dns", "app example.com"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_dns: must be a DNS name"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_uri", "/app"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_uri: must be an absolute URI"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_ip", "10.0.0"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_ip: must be an IPv4 or IPv6 address: an IPv4 address"
                + " has four parts"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_ip", "localhost"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_ip: must be an IPv4 or IPv6 address"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_ip", "10.0.0.0/8"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_ip: must be an IPv4 or IPv6 address"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_email", "app"),
            MTLS_READY,
            "clients[0].tls_client_auth_san_email: must be an email address"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_dns", "app.example.com"),
            Map.of(
                "mtls",
                Map.of(
                    "forwarded_certificate",
                    Map.of("header", "ssl-client-cert", "trusted_proxies", List.of("10.0.0.1")))),
            "client_authentication.mtls.trust_anchors_path: required: clients[0] uses"
                + " tls_client_auth"),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_dns", "app.example.com"),
            Map.of("mtls", Map.of("trust_anchors_path", ANCHORS)),
            "clients[0].token_endpoint_auth_method: tls_client_auth needs client certificates: set"
                + " tls.client_auth: request on a listener, or"
                + " client_authentication.mtls.forwarded_certificate.header"),
        // self_signed_tls_client_auth
        arguments(
            client("self_signed_tls_client_auth"),
            MTLS_READY,
            "clients[0].jwks: required for self_signed_tls_client_auth, or jwks_uri"),
        arguments(
            client("self_signed_tls_client_auth", "jwks", TestKeys.jwks(TestKeys.RSA)),
            NO_SECTION,
            "clients[0].token_endpoint_auth_method: self_signed_tls_client_auth needs client"
                + " certificates"),
        arguments(
            client("self_signed_tls_client_auth", "jwks", TestKeys.jwksOf(TestKeys.oct())),
            MTLS_READY,
            "clients[0].jwks.keys[0]: symmetric (oct) keys are not allowed"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("refused")
  void loadWhenClientAuthenticationWrongThenFailsNamingKey(
      Map<String, Object> client, Map<String, Object> section, String expected) {
    String yaml = config(client, section);

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .message()
        .doesNotContain("\n");
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments(client("client_secret_jwt", "client_secret", "s".repeat(32)), NO_SECTION),
        // 16 characters, 32 bytes in UTF-8: the key length is counted in bytes.
        arguments(client("client_secret_jwt", "client_secret", "ä".repeat(16)), NO_SECTION),
        arguments(
            client(
                "client_secret_jwt",
                "client_secret",
                "s".repeat(64),
                "token_endpoint_auth_signing_alg",
                "HS512"),
            NO_SECTION),
        arguments(client("private_key_jwt", "jwks", TestKeys.jwks(TestKeys.RSA)), NO_SECTION),
        arguments(client("private_key_jwt", "jwks", TestKeys.jwks(TestKeys.P256)), NO_SECTION),
        arguments(client("private_key_jwt", "jwks", TestKeys.jwks(TestKeys.ed25519())), NO_SECTION),
        arguments(
            client(
                "private_key_jwt",
                "jwks",
                TestKeys.jwks(TestKeys.P384, TestKeys.RSA),
                "token_endpoint_auth_signing_alg",
                "PS256"),
            NO_SECTION),
        arguments(
            client("private_key_jwt", "jwks", TestKeys.jwksOf(withAlg(TestKeys.RSA, "RS256"))),
            NO_SECTION),
        arguments(
            client(
                "private_key_jwt",
                "jwks",
                TestKeys.jwksOf(withMember(TestKeys.publicJwk(TestKeys.P256), "use", "sig"))),
            NO_SECTION),
        arguments(
            client("private_key_jwt", "jwks_uri", "https://app.example.com/jwks?tenant=1"),
            NO_SECTION),
        arguments(client("private_key_jwt", "jwks_uri", "http://localhost:8080/jwks"), NO_SECTION),
        arguments(client("private_key_jwt", "jwks_uri", "http://[::1]/jwks"), NO_SECTION),
        // The certificate is matched by its public key: P-384 and keys without x5c are fine.
        arguments(
            client("self_signed_tls_client_auth", "jwks", TestKeys.jwks(TestKeys.P384)),
            MTLS_READY),
        arguments(
            client(
                "self_signed_tls_client_auth",
                "jwks",
                TestKeys.jwksOf(TestKeys.withCertificate(dir))),
            MTLS_READY),
        arguments(
            client("self_signed_tls_client_auth", "jwks_uri", "https://app.example.com/jwks"),
            MTLS_READY),
        arguments(
            client("tls_client_auth", "tls_client_auth_subject_dn", "CN=app,O=Example,C=DE"),
            MTLS_READY),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_dns", "app.example.com"), MTLS_READY),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_uri", "spiffe://example.com/app"),
            MTLS_READY),
        arguments(client("tls_client_auth", "tls_client_auth_san_ip", "192.0.2.10"), MTLS_READY),
        arguments(client("tls_client_auth", "tls_client_auth_san_ip", "2001:db8::10"), MTLS_READY),
        arguments(
            client("tls_client_auth", "tls_client_auth_san_email", "app@example.com"), MTLS_READY),
        // Empty text is not given, as for client_secret.
        arguments(
            client(
                "tls_client_auth",
                "tls_client_auth_san_dns",
                "app.example.com",
                "tls_client_auth_subject_dn",
                ""),
            MTLS_READY),
        arguments(client("none", "client_secret", ""), NO_SECTION));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void loadWhenClientAuthenticationRightThenAccepted(
      Map<String, Object> client, Map<String, Object> section) {
    assertThat(ConfigLoader.fromYaml(config(client, section), NO_ENV).clients()).hasSize(1);
  }

  @Test
  void loadWhenTlsListenerRequestsCertificatesThenMutualTlsClientAccepted() throws IOException {
    Path cert = Files.writeString(dir.resolve("listener.crt"), "certificate");
    Path key = Files.writeString(dir.resolve("listener.key"), "key");
    Map<String, Object> root =
        root(
            client("tls_client_auth", "tls_client_auth_san_dns", "app.example.com"),
            Map.of("mtls", Map.of("trust_anchors_path", ANCHORS)));
    root.put(
        "listeners",
        List.of(
            Map.of(
                "port",
                8443,
                "tls",
                Map.of("cert_path", cert.toString(), "key_path", key.toString())),
            Map.of(
                "port",
                9443,
                "tls",
                Map.of(
                    "cert_path",
                    cert.toString(),
                    "key_path",
                    key.toString(),
                    "client_auth",
                    "request"))));

    GatewayConfig config = ConfigLoader.fromYaml(yaml(root), NO_ENV);

    assertThat(config.listeners())
        .extracting(listener -> listener.tls().clientAuth())
        .containsExactly(TlsConfig.ClientAuth.NONE, TlsConfig.ClientAuth.REQUEST);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          client_authentication.assertion.token_endpoint            | http://login.example.com/token  | client_authentication.assertion.token_endpoint: must be an https URL
          client_authentication.assertion.token_endpoint            | https://login.example.com/t#x   | client_authentication.assertion.token_endpoint: must not have a fragment
          client_authentication.assertion.token_endpoint            | /token                          | client_authentication.assertion.token_endpoint: must be an absolute URL with a host
          client_authentication.assertion.max_lifetime_seconds      | 0                               | client_authentication.assertion.max_lifetime_seconds: must be between 1 and 3600, got 0
          client_authentication.assertion.max_lifetime_seconds      | 3601                            | client_authentication.assertion.max_lifetime_seconds: must be between 1 and 3600, got 3601
          client_authentication.assertion.max_clock_skew_seconds    | -1                              | client_authentication.assertion.max_clock_skew_seconds: must be between 0 and 60, got -1
          client_authentication.assertion.max_clock_skew_seconds    | 61                              | client_authentication.assertion.max_clock_skew_seconds: must be between 0 and 60, got 61
          client_authentication.assertion.max_bytes                 | 511                             | client_authentication.assertion.max_bytes: must be between 512 and 65536, got 511
          client_authentication.assertion.max_bytes                 | 65537                           | client_authentication.assertion.max_bytes: must be between 512 and 65536, got 65537
          client_authentication.jwks.cache_seconds                  | 0                               | client_authentication.jwks.cache_seconds: must be between 1 and 86400, got 0
          client_authentication.jwks.cache_seconds                  | 86401                           | client_authentication.jwks.cache_seconds: must be between 1 and 86400, got 86401
          client_authentication.jwks.refresh_min_interval_seconds   | -1                              | client_authentication.jwks.refresh_min_interval_seconds: must be between 0 and 3600, got -1
          client_authentication.jwks.refresh_min_interval_seconds   | 3601                            | client_authentication.jwks.refresh_min_interval_seconds: must be between 0 and 3600, got 3601
          client_authentication.jwks.fetch_timeout_ms               | 0                               | client_authentication.jwks.fetch_timeout_ms: must be at least 1, got 0
          client_authentication.jwks.max_bytes                      | 1023                            | client_authentication.jwks.max_bytes: must be between 1024 and 1048576, got 1023
          client_authentication.jwks.max_bytes                      | 1048577                         | client_authentication.jwks.max_bytes: must be between 1024 and 1048576, got 1048577
          client_authentication.mtls.forwarded_certificate.header   | ssl client cert                 | client_authentication.mtls.forwarded_certificate.header: must be an HTTP header name
          client_authentication.mtls.forwarded_certificate.header   | ssl-client-cert:                | client_authentication.mtls.forwarded_certificate.header: must be an HTTP header name
          client_authentication.mtls.forwarded_certificate.header   | ssl-client-cert                 | client_authentication.mtls.forwarded_certificate.trusted_proxies: required, at least one, when header is set
          client_authentication.mtls.forwarded_certificate.trusted_proxies[0] | 10.0.0.0/8            | client_authentication.mtls.forwarded_certificate.trusted_proxies: only used with header; set header too
          client_authentication.mtls.trust_anchors_path             | /nonexistent/ca.pem             | client_authentication.mtls.trust_anchors_path: no such file: /nonexistent/ca.pem
          """)
  void loadWhenSectionValueImpossibleThenFailsNamingKey(String key, String value, String expected) {
    String yaml = with(key, value);

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .message()
        .doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          PS256 none           | client_authentication.assertion.algorithms[1]: none is never allowed: client assertions must be signed (RFC 7523 §3)
          NONE                 | client_authentication.assertion.algorithms[0]: none is never allowed
          PS256 ES256 ES384    | client_authentication.assertion.algorithms[2]: must be one of PS256, ES256, EdDSA, RS256, HS256, HS384, HS512
          rs256                | client_authentication.assertion.algorithms[0]: must be one of PS256
          PS256 Ed25519        | client_authentication.assertion.algorithms[1]: must be one of PS256
          """)
  void loadWhenAlgorithmNotAllowedThenFailsNamingIndex(String algorithms, String expected) {
    String yaml =
        with("client_authentication.assertion.algorithms", List.of(algorithms.split(" ")));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void loadWhenAlgorithmsEmptyThenFails() {
    String yaml = with("client_authentication.assertion.algorithms", List.of());

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("client_authentication.assertion.algorithms: required, at least one");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          empty file        | ''                                           | client_authentication.mtls.trust_anchors_path: holds no X.509 certificate; a PEM file of CA certificates
          text              | 'not a certificate'                          | client_authentication.mtls.trust_anchors_path: not a PEM file of X.509 CA certificates
          private key only  | '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA==\\n-----END PRIVATE KEY-----\\n' | client_authentication.mtls.trust_anchors_path: not a PEM file of X.509 CA certificates
          broken base64     | '-----BEGIN CERTIFICATE-----\\n!!!\\n-----END CERTIFICATE-----\\n' | client_authentication.mtls.trust_anchors_path: not a PEM file of X.509 CA certificates
          """)
  void loadWhenTrustAnchorsNotCertificatesThenFails(String name, String content, String expected)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve(name.replace(' ', '-') + ".pem"), content.replace("\\n", "\n"));
    String yaml = with("client_authentication.mtls.trust_anchors_path", file.toString());

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected);
  }

  @Test
  void loadWhenTrustAnchorsBundleThenAccepted() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    String bundle =
        "# issuing CAs\n"
            + Files.readString(anchors)
            + Files.readString(TestCertificates.selfSignedServer(other).certPath());
    Path file = Files.writeString(dir.resolve("bundle.pem"), bundle);

    GatewayConfig config =
        ConfigLoader.fromYaml(
            with("client_authentication.mtls.trust_anchors_path", file.toString()), NO_ENV);

    assertThat(config.clientAuthentication().mtls().trustAnchorsPath()).isEqualTo(file.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10.0.0.0/8                | 10.0.0.0/8
          127.0.0.1                 | 127.0.0.1/32
          ::1                       | 0:0:0:0:0:0:0:1/128
          fd00::/8                  | fd00:0:0:0:0:0:0:0/8
          192.168.1.0/24            | 192.168.1.0/24
          2001:db8::/32             | 2001:db8:0:0:0:0:0:0/32
          """)
  void loadWhenTrustedProxiesValidThenParsed(String proxy, String range) {
    String yaml =
        with(
            "client_authentication.mtls.forwarded_certificate",
            Map.of("header", "ssl-client-cert", "trusted_proxies", List.of("10.1.2.3", proxy)));

    GatewayConfig config = ConfigLoader.fromYaml(yaml, NO_ENV);

    assertThat(config.clientAuthentication().mtls().forwardedCertificate().trustedProxyRanges())
        .extracting(IpRange::toString)
        .containsExactly("10.1.2.3/32", range);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          proxy.internal      | not an IP address or CIDR range: not an IPv4 or IPv6 address (names are not looked up)
          localhost           | not an IP address or CIDR range: not an IPv4 or IPv6 address (names are not looked up)
          ''                  | not an IP address or CIDR range: not an IPv4 or IPv6 address
          10.0.0              | not an IP address or CIDR range: an IPv4 address has four parts, e.g. 10.0.0.1
          10.0.0.256          | not an IP address or CIDR range: each part of an IPv4 address is a number from 0 to 255, without leading zeros
          010.0.0.1           | not an IP address or CIDR range: each part of an IPv4 address is a number from 0 to 255
          10.0.0.0/33         | not an IP address or CIDR range: the prefix length after / must be a number from 1 to 32
          10.0.0.0/           | not an IP address or CIDR range: the prefix length after / must be a number from 1 to 32
          10.0.0.0/08         | not an IP address or CIDR range: the prefix length after / must be a number from 1 to 32
          0.0.0.0/0           | not an IP address or CIDR range: a /0 range holds every address; name the proxies
          ::/0                | not an IP address or CIDR range: a /0 range holds every address
          10.0.0.1/8          | not an IP address or CIDR range: has address bits set after the /8 prefix; write the network
          fd00::/129          | not an IP address or CIDR range: the prefix length after / must be a number from 1 to 128
          fd00::1/8           | not an IP address or CIDR range: has address bits set after the /8 prefix
          1::2::3             | not an IP address or CIDR range: an IPv6 address has at most one ::
          1:2:3:4:5:6:7:8:9   | not an IP address or CIDR range: an IPv6 address has eight groups, or fewer with ::
          1:2:3:4:5:6:7       | not an IP address or CIDR range: an IPv6 address has eight groups, or fewer with ::
          fe80::1%eth0        | not an IP address or CIDR range: each group of an IPv6 address is 1 to 4 hex digits (no zone id, no brackets)
          [::1]               | not an IP address or CIDR range: each group of an IPv6 address is 1 to 4 hex digits
          12345::             | not an IP address or CIDR range: each group of an IPv6 address is 1 to 4 hex digits
          ::ffff:10.0.0.0/104 | not an IP address or CIDR range: write an IPv4-mapped address as IPv4, e.g. 10.0.0.0/8
          """)
  void loadWhenTrustedProxyInvalidThenFailsNamingIndex(String proxy, String reason) {
    String yaml =
        with(
            "client_authentication.mtls.forwarded_certificate",
            Map.of("header", "ssl-client-cert", "trusted_proxies", List.of("10.0.0.0/8", proxy)));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "client_authentication.mtls.forwarded_certificate.trusted_proxies[1]: " + reason);
  }

  private static Map<String, Object> client(String method, Object... fields) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("client_id", "app");
    client.put("token_endpoint_auth_method", method);
    for (int i = 0; i < fields.length; i += 2) {
      client.put((String) fields[i], fields[i + 1]);
    }
    client.put("redirect_uris", List.of("https://app.example.com/cb"));
    return client;
  }

  /** A {@code private_key_jwt} client with these JWKs, as written. */
  private static Map<String, Object> keysClient(Object... keys) {
    return client("private_key_jwt", "jwks", TestKeys.jwksOf(keys));
  }

  private static Map<String, Object> withAlg(com.nimbusds.jose.jwk.JWK jwk, String alg) {
    return withMember(TestKeys.publicJwk(jwk), "alg", alg);
  }

  private static Map<String, Object> withMember(
      Map<String, Object> jwk, String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(jwk);
    copy.put(name, value);
    return copy;
  }

  private static Map<String, Object> without(Map<String, Object> jwk, String name) {
    Map<String, Object> copy = new LinkedHashMap<>(jwk);
    copy.remove(name);
    return copy;
  }

  private static Map<String, Object> root(Map<String, Object> client, Map<String, Object> section) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("issuer", "https://login.example.com");
    root.put("upstream", Map.of("base_url", "http://op.internal:8080"));
    root.put("clients", List.of(client));
    root.put("client_authentication", section);
    return root;
  }

  private static String config(Map<String, Object> client, Map<String, Object> section) {
    return yaml(root(client, section));
  }

  private static String yaml(Map<String, Object> root) {
    try {
      return YAML.writeValueAsString(root).replace(ANCHORS, anchors.toString());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
