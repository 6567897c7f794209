package io.pargateway.config;

import static io.pargateway.config.TestConfigs.MINIMAL;
import static io.pargateway.config.TestConfigs.NO_ENV;
import static io.pargateway.config.TestConfigs.secretClient;
import static io.pargateway.config.TestConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pargateway.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void loadWhenMinimalFileThenDefaultsApplied() throws IOException {
    Path file = Files.writeString(dir.resolve("gateway.yaml"), MINIMAL);

    GatewayConfig config = ConfigLoader.load(file, NO_ENV);

    assertThat(config.issuer()).isEqualTo("https://login.example.com");
    assertThat(config.listeners()).containsExactly(new ListenerConfig("0.0.0.0", 8080, null));
    assertThat(config.server()).isEqualTo(new ServerConfig(0, 10000));
    assertThat(config.upstream())
        .isEqualTo(
            new UpstreamConfig(
                "http://op.internal:8080",
                "/authorize",
                "http://op.internal:8080",
                2000,
                10000,
                64,
                60));
    assertThat(config.par()).isEqualTo(new ParConfig("/par", 60, false, 65536, 100));
    assertThat(config.authorization())
        .isEqualTo(new AuthorizationConfig("/authorize", AuthorizationConfig.ForwardMode.PROXY));
    assertThat(config.store())
        .isEqualTo(
            new StoreConfig(
                StoreConfig.Type.MEMORY,
                "pargw:",
                new StoreConfig.RedisConfig("redis://127.0.0.1:6379", 2048, 2000),
                new StoreConfig.MemoryConfig(100_000)));
    assertThat(config.clients())
        .containsExactly(
            secretClient(
                "demo",
                "client_secret_basic",
                "demo-secret",
                List.of("https://app.example.com/callback"),
                false,
                false));
  }

  @Test
  void loadWhenEveryKeyWrittenThenEveryKeyBound() throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "certificate");
    Path key = Files.writeString(dir.resolve("tls.key"), "key");
    Path anchors =
        TestCertificates.selfSignedServer(Files.createDirectory(dir.resolve("ca"))).certPath();
    Map<String, Object> ecKey = TestKeys.publicJwk(TestKeys.P256);
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            """
            issuer: http://localhost:8443/realms/demo
            listeners:
              - host: 127.0.0.1
                port: 8443
                tls:
                  cert_path: %s
                  key_path: %s
                  client_auth: request
              - port: 0
            server:
              verticles: 4
              shutdown_timeout_ms: 5000
            upstream:
              base_url: http://keycloak:8080
              authorization_path: /realms/demo/protocol/openid-connect/auth
              public_base_url: https://login.example.com
              connect_timeout_ms: 1000
              request_timeout_ms: 3000
              max_pool_size: 8
              metadata_cache_seconds: 0
            par:
              path: /realms/demo/protocol/openid-connect/ext/par/request
              request_uri_lifetime_seconds: 90
              require_pushed_authorization_requests: true
              max_body_bytes: 1024
              max_parameters: 1000
            authorization:
              path: /auth
              forward_mode: redirect
            store:
              type: redis
              key_prefix: "gw1:"
              redis:
                connection_string: rediss://redis:6380/2
                max_waiting_handlers: 1
                command_timeout_ms: 500
              memory:
                max_entries: 10
            clients:
              - client_id: web
                token_endpoint_auth_method: client_secret_post
                client_secret: web-secret
                redirect_uris: [https://web.example.com/cb, http://127.0.0.1:3000/cb]
                require_pushed_authorization_requests: true
                require_pkce: true
              - client_id: native app
                token_endpoint_auth_method: none
                redirect_uris: ["com.example.app:/oauth2redirect", "http://[::1]/cb"]
              - client_id: jwt
                token_endpoint_auth_method: client_secret_jwt
                client_secret: a-shared-secret-of-32-bytes-at-least
                token_endpoint_auth_signing_alg: HS256
                redirect_uris: [https://jwt.example.com/cb]
              - client_id: signed
                token_endpoint_auth_method: private_key_jwt
                token_endpoint_auth_signing_alg: ES256
                jwks:
                  keys:
                    - {kty: EC, crv: P-256, kid: p256, x: "%s", y: "%s"}
                redirect_uris: [https://signed.example.com/cb]
              - client_id: self-signed
                token_endpoint_auth_method: self_signed_tls_client_auth
                jwks_uri: https://self-signed.example.com/jwks.json
                redirect_uris: [https://self-signed.example.com/cb]
              - client_id: pki
                token_endpoint_auth_method: tls_client_auth
                tls_client_auth_subject_dn: CN=pki,O=Example
                redirect_uris: [https://pki.example.com/cb]
            client_authentication:
              assertion:
                audience: issuer_only
                token_endpoint: https://login.example.com/realms/demo/token
                max_lifetime_seconds: 60
                max_clock_skew_seconds: 5
                max_bytes: 4096
                algorithms: [ES256, HS256]
              jwks:
                cache_seconds: 600
                refresh_min_interval_seconds: 30
                fetch_timeout_ms: 500
                max_bytes: 2048
              mtls:
                trust_anchors_path: %s
                forwarded_certificate:
                  header: x-forwarded-client-cert
                  format: envoy
                  trusted_proxies: [10.0.0.0/8, "fd00::/8"]
            """
                .formatted(cert, key, ecKey.get("x"), ecKey.get("y"), anchors));

    GatewayConfig config = ConfigLoader.load(file, NO_ENV);

    assertThat(config)
        .isEqualTo(
            new GatewayConfig(
                "http://localhost:8443/realms/demo",
                List.of(
                    new ListenerConfig(
                        "127.0.0.1",
                        8443,
                        new TlsConfig(
                            cert.toString(),
                            key.toString(),
                            TlsConfig.ClientAuth.REQUEST,
                            TlsConfig.Engine.AUTO)),
                    new ListenerConfig("0.0.0.0", 0, null)),
                new ServerConfig(4, 5000),
                new UpstreamConfig(
                    "http://keycloak:8080",
                    "/realms/demo/protocol/openid-connect/auth",
                    "https://login.example.com",
                    1000,
                    3000,
                    8,
                    0),
                new ParConfig(
                    "/realms/demo/protocol/openid-connect/ext/par/request", 90, true, 1024, 1000),
                new AuthorizationConfig("/auth", AuthorizationConfig.ForwardMode.REDIRECT),
                new StoreConfig(
                    StoreConfig.Type.REDIS,
                    "gw1:",
                    new StoreConfig.RedisConfig("rediss://redis:6380/2", 1, 500),
                    new StoreConfig.MemoryConfig(10)),
                List.of(
                    secretClient(
                        "web",
                        "client_secret_post",
                        "web-secret",
                        List.of("https://web.example.com/cb", "http://127.0.0.1:3000/cb"),
                        true,
                        true),
                    secretClient(
                        "native app",
                        "none",
                        null,
                        List.of("com.example.app:/oauth2redirect", "http://[::1]/cb"),
                        false,
                        false),
                    new ClientConfig(
                        "jwt",
                        "client_secret_jwt",
                        "a-shared-secret-of-32-bytes-at-least",
                        List.of("https://jwt.example.com/cb"),
                        false,
                        false,
                        "HS256",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                    new ClientConfig(
                        "signed",
                        "private_key_jwt",
                        null,
                        List.of("https://signed.example.com/cb"),
                        false,
                        false,
                        "ES256",
                        Map.of("keys", List.of(ecKey)),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                    new ClientConfig(
                        "self-signed",
                        "self_signed_tls_client_auth",
                        null,
                        List.of("https://self-signed.example.com/cb"),
                        false,
                        false,
                        null,
                        null,
                        "https://self-signed.example.com/jwks.json",
                        null,
                        null,
                        null,
                        null,
                        null),
                    new ClientConfig(
                        "pki",
                        "tls_client_auth",
                        null,
                        List.of("https://pki.example.com/cb"),
                        false,
                        false,
                        null,
                        null,
                        null,
                        "CN=pki,O=Example",
                        null,
                        null,
                        null,
                        null)),
                new ClientAuthenticationConfig(
                    new ClientAuthenticationConfig.AssertionConfig(
                        ClientAuthenticationConfig.AudienceMode.ISSUER_ONLY,
                        "https://login.example.com/realms/demo/token",
                        60,
                        5,
                        4096,
                        List.of("ES256", "HS256")),
                    new ClientAuthenticationConfig.JwksConfig(600, 30, 500, 2048),
                    new ClientAuthenticationConfig.MtlsConfig(
                        anchors.toString(),
                        new ClientAuthenticationConfig.ForwardedCertificateConfig(
                            "x-forwarded-client-cert",
                            ClientAuthenticationConfig.ForwardedCertificateConfig.Format.ENVOY,
                            List.of("10.0.0.0/8", "fd00::/8"))))));
  }

  @Test
  void loadWhenMinimalFileThenClientAuthenticationDefaultsApplied() {
    GatewayConfig config = ConfigLoader.fromYaml(MINIMAL, NO_ENV);

    assertThat(config.clientAuthentication()).isEqualTo(TestConfigs.CLIENT_AUTHENTICATION_DEFAULTS);
    assertThat(config.clientAuthentication().mtls().forwardedCertificate().trustedProxyRanges())
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      textBlock =
          """
          NULL    | NONE
          none    | NONE
          request | REQUEST
          REQUEST | REQUEST
          """)
  void loadWhenTlsClientAuthWrittenOrNotThenBound(String written, TlsConfig.ClientAuth expected)
      throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "certificate");
    Path key = Files.writeString(dir.resolve("tls.key"), "key");
    Map<String, Object> tls = new java.util.HashMap<>();
    tls.put("cert_path", cert.toString());
    tls.put("key_path", key.toString());
    tls.put("client_auth", written);

    GatewayConfig config =
        ConfigLoader.fromYaml(with("listeners", List.of(Map.of("tls", tls))), NO_ENV);

    assertThat(config.listeners().get(0).tls().clientAuth()).isEqualTo(expected);
  }

  @Test
  void loadWhenAuthorizationPathUnsetThenUpstreamAuthorizationPath() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            with("upstream.authorization_path", "/realms/demo/protocol/openid-connect/auth"),
            NO_ENV);

    assertThat(config.authorization().path())
        .isEqualTo("/realms/demo/protocol/openid-connect/auth");
  }

  @Test
  void loadWhenKeyLeftEmptyThenDefaultKept() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            MINIMAL
                + """
                par:
                  request_uri_lifetime_seconds:
                server: ~
                """,
            NO_ENV);

    assertThat(config.par().requestUriLifetimeSeconds()).isEqualTo(60);
    assertThat(config.server()).isEqualTo(new ServerConfig(0, 10000));
  }

  @Test
  void loadWhenEnumValueUpperCaseThenAccepted() {
    GatewayConfig config = ConfigLoader.fromYaml(with("store.type", "REDIS"), NO_ENV);

    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.REDIS);
  }

  @Test
  void loadWhenFileMissingThenFailsNamingIt() {
    Path file = dir.resolve("missing.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": configuration file not found");
  }

  @Test
  void loadWhenFileIsDirectoryThenFailsNamingIt() {
    assertThatThrownBy(() -> ConfigLoader.load(dir, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir + ": is a directory");
  }

  @Test
  void loadWhenFileNotUtf8ThenFailsNamingIt() throws IOException {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9});

    assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": configuration file is not UTF-8 text");
  }

  @Test
  void loadWhenFileEmptyThenIssuerRequired() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "");

    assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("issuer: required");
  }

  @Test
  void loadWhenYamlInvalidThenFailsNamingFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("broken.yaml"), "issuer: x\n  upstream: [\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": not valid YAML at line 2")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void loadWhenYamlAliasThenFails() {
    String yaml = MINIMAL + "x-secret: &secret s3cr3t\n";
    String aliased = yaml.replace("client_secret: demo-secret", "client_secret: *secret");

    assertThatThrownBy(() -> ConfigLoader.fromYaml(aliased, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config: YAML aliases (*name) are not supported, at line 6");
  }

  @Test
  void loadWhenSecondYamlDocumentThenFails() {
    String yaml = MINIMAL + "---\nstore:\n  type: redis\n";

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config: must hold one YAML document, found another at line 10");
  }

  @Test
  void loadWhenDocumentMarkersAroundOneDocumentThenAccepted() {
    String yaml = "---\n" + MINIMAL + "...\n";

    assertThat(ConfigLoader.fromYaml(yaml, NO_ENV).issuer()).isEqualTo("https://login.example.com");
  }

  @Test
  void loadWhenTopLevelIsListThenFails() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("- issuer: x\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config: must be a YAML mapping of keys to values at the top level");
  }

  @Test
  void loadWhenKeyWrittenTwiceThenFailsNamingIt() {
    String yaml = MINIMAL + "par:\n  path: /a\n  path: /b\n";

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("par.path: written twice at line");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          typo: 1                                         | typo: unknown key
          store:\\n  typo: 1                              | store.typo: unknown key
          store:\\n  redis:\\n    typo: 1                 | store.redis.typo: unknown key
          par:\\n  requestUriLifetimeSeconds: 30          | par.requestUriLifetimeSeconds: unknown key
          listeners:\\n  - port: 1\\n  - typo: 1          | listeners[1].typo: unknown key
          listeners:\\n  - tls:\\n      cert: x           | listeners[0].tls.cert: unknown key
          """)
  void loadWhenUnknownKeyThenFailsNamingIt(String yaml, String expected) {
    String text = MINIMAL + yaml.replace("\\n", "\n") + "\n";

    assertThatThrownBy(() -> ConfigLoader.fromYaml(text, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void loadWhenUnknownKeyInClientThenFailsNamingItAndKnownKeys() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with("clients[0].redirect_uri", "x"), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("clients[0].redirect_uri: unknown key; known keys here: ")
        .hasMessageContaining("redirect_uris");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          issuer                      | issuer: required
          upstream.base_url           | upstream.base_url: required
          clients[0].client_id        | clients[0].client_id: required
          clients[0].redirect_uris    | clients[0].redirect_uris: required, at least one
          clients[0].client_secret    | clients[0].client_secret: required for client_secret_basic
          """)
  void loadWhenRequiredKeyMissingThenFailsNamingIt(String key, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with(key, null), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected);
  }

  @Test
  void loadWhenListenersEmptyThenFails() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with("listeners", List.of()), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listeners: required, at least one");
  }

  @Test
  void loadWhenListElementEmptyThenFailsNamingIt() {
    String yaml = with("clients[0].redirect_uris", java.util.Arrays.asList("https://a/cb", null));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clients[0].redirect_uris[1]: must not be empty");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          listeners[0].port                   | '8080x'         | listeners[0].port: must be a whole number
          listeners[0].port                   | '80.5'          | listeners[0].port: must be a whole number
          listeners[0].port                   | ''              | listeners[0].port: must be a whole number
          par.max_body_bytes                  | 'big'           | par.max_body_bytes: must be a whole number
          server.shutdown_timeout_ms          | '1s'            | server.shutdown_timeout_ms: must be a whole number
          par.require_pushed_authorization_requests | 'yes please' | par.require_pushed_authorization_requests: must be true or false
          store.type                          | 'disk'          | store.type: must be one of memory, redis
          authorization.forward_mode          | 'forward'       | authorization.forward_mode: must be one of proxy, redirect
          client_authentication.assertion.audience | 'fapi2'    | client_authentication.assertion.audience: must be one of default, issuer_only
          client_authentication.mtls.forwarded_certificate.format | 'haproxy' | client_authentication.mtls.forwarded_certificate.format: must be one of nginx, envoy
          client_authentication.assertion.algorithms | 'PS256'  | client_authentication.assertion.algorithms: must be a list
          client_authentication.jwks.fetch_timeout_ms | '2s'    | client_authentication.jwks.fetch_timeout_ms: must be a whole number
          clients[0].jwks                     | 'keys'          | clients[0].jwks: must be a mapping of keys to values
          listeners[0].tls.client_auth        | 'require'       | listeners[0].tls.client_auth: must be one of none, request
          """)
  void loadWhenValueOfWrongTypeThenFailsNamingKey(String key, String value, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with(key, value), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected);
  }

  @ParameterizedTest
  @CsvSource({"99999999999", "99999999999999999999999", "'99999999999'"})
  void loadWhenNumberTooLargeThenFailsNamingKey(String value) {
    String yaml = MINIMAL + "listeners:\n  - port: " + value + "\n";

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listeners[0].port: number too large");
  }

  @Test
  void loadWhenTextKeyGetsNumberThenAsksForQuotes() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with("clients[0].client_id", 123), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "clients[0].client_id: must be text (quote it if YAML reads it as a number or a"
                + " boolean)");
  }

  @Test
  void loadWhenBooleanKeyGetsNumberThenFails() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with("clients[0].require_pkce", 1), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clients[0].require_pkce: must be true or false");
  }

  @Test
  void loadWhenMappingGetsTextThenFails() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(with("store", "redis"), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("store: must be a mapping of keys to values");
  }

  @Test
  void loadWhenListGetsTextThenFails() {
    assertThatThrownBy(
            () -> ConfigLoader.fromYaml(with("clients[0].redirect_uris", "https://a/cb"), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clients[0].redirect_uris: must be a list");
  }

  @Test
  void loadWhenOtherEnvironmentVariablesThenIgnored() {
    Map<String, String> env = Map.of("HOME", "/root", "PATH", "/bin");

    assertThat(ConfigLoader.fromYaml(MINIMAL, env).issuer()).isEqualTo("https://login.example.com");
  }
}
