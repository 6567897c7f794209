package io.pargateway.config;

import static io.pargateway.config.TestConfigs.MINIMAL;
import static io.pargateway.config.TestConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigEnvironmentTest {

  @Test
  void loadWhenOverrideOfTopLevelKeyThenReplaced() {
    GatewayConfig config =
        ConfigLoader.fromYaml(MINIMAL, Map.of("PARGW_ISSUER", "https://id.example.org"));

    assertThat(config.issuer()).isEqualTo("https://id.example.org");
  }

  @Test
  void loadWhenOverrideOfNestedKeysThenReplacedAndCoerced() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            MINIMAL,
            Map.of(
                "PARGW_STORE__TYPE", "redis",
                "PARGW_STORE__REDIS__CONNECTION_STRING", "rediss://:pw@redis:6380/0",
                "PARGW_STORE__REDIS__COMMAND_TIMEOUT_MS", "750",
                "PARGW_PAR__REQUEST_URI_LIFETIME_SECONDS", "30",
                "PARGW_PAR__REQUIRE_PUSHED_AUTHORIZATION_REQUESTS", "true"));

    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.REDIS);
    assertThat(config.store().redis().connectionString()).isEqualTo("rediss://:pw@redis:6380/0");
    assertThat(config.store().redis().commandTimeoutMs()).isEqualTo(750);
    assertThat(config.par().requestUriLifetimeSeconds()).isEqualTo(30);
    assertThat(config.par().requirePushedAuthorizationRequests()).isTrue();
  }

  @Test
  void loadWhenOverrideOfListElementThenReplaced() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            with("clients[0].client_secret", null),
            Map.of(
                "PARGW_CLIENTS__0__CLIENT_SECRET", "from-a-kubernetes-secret",
                "PARGW_CLIENTS__0__REDIRECT_URIS__0", "https://other.example.com/cb",
                "PARGW_LISTENERS__0__PORT", "9000"));

    assertThat(config.clients().get(0).clientSecret()).isEqualTo("from-a-kubernetes-secret");
    assertThat(config.clients().get(0).redirectUris())
        .containsExactly("https://other.example.com/cb");
    assertThat(config.listeners().get(0).port()).isEqualTo(9000);
    assertThat(config.listeners().get(0).host()).isEqualTo("0.0.0.0");
  }

  @Test
  void loadWhenOverrideOfClientAuthenticationThenReplaced() {
    String yaml =
        with(
            "client_authentication.mtls.forwarded_certificate.trusted_proxies",
            java.util.List.of("10.0.0.0/8"));

    GatewayConfig config =
        ConfigLoader.fromYaml(
            yaml,
            Map.of(
                "PARGW_CLIENT_AUTHENTICATION__ASSERTION__AUDIENCE", "issuer_only",
                "PARGW_CLIENT_AUTHENTICATION__ASSERTION__TOKEN_ENDPOINT",
                    "https://login.example.com/token",
                "PARGW_CLIENT_AUTHENTICATION__ASSERTION__MAX_CLOCK_SKEW_SECONDS", "30",
                "PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS__0", "ES256",
                "PARGW_CLIENT_AUTHENTICATION__JWKS__CACHE_SECONDS", "60",
                "PARGW_CLIENT_AUTHENTICATION__MTLS__FORWARDED_CERTIFICATE__HEADER",
                    "ssl-client-cert",
                "PARGW_CLIENT_AUTHENTICATION__MTLS__FORWARDED_CERTIFICATE__FORMAT", "envoy",
                "PARGW_CLIENT_AUTHENTICATION__MTLS__FORWARDED_CERTIFICATE__TRUSTED_PROXIES__0",
                    "fd00::/8"));

    ClientAuthenticationConfig authentication = config.clientAuthentication();
    assertThat(authentication.assertion().audience())
        .isEqualTo(ClientAuthenticationConfig.AudienceMode.ISSUER_ONLY);
    assertThat(authentication.assertion().tokenEndpoint())
        .isEqualTo("https://login.example.com/token");
    assertThat(authentication.assertion().maxClockSkewSeconds()).isEqualTo(30);
    assertThat(authentication.assertion().algorithms())
        .containsExactly("ES256", "ES256", "EdDSA", "RS256", "HS256", "HS384", "HS512");
    assertThat(authentication.jwks().cacheSeconds()).isEqualTo(60);
    assertThat(authentication.mtls().forwardedCertificate())
        .isEqualTo(
            new ClientAuthenticationConfig.ForwardedCertificateConfig(
                "ssl-client-cert",
                ClientAuthenticationConfig.ForwardedCertificateConfig.Format.ENVOY,
                java.util.List.of("fd00::/8")));
  }

  @Test
  void loadWhenOverrideOfClientKeysAndSubjectThenReplaced() {
    String yaml =
        MINIMAL.replace(
                "    client_secret: demo-secret\n",
                "    token_endpoint_auth_method: private_key_jwt\n")
            + """
              - client_id: pki
                token_endpoint_auth_method: tls_client_auth
                tls_client_auth_san_dns: old.example.com
                redirect_uris: [https://pki.example.com/cb]
            client_authentication:
              mtls:
                trust_anchors_path: ${ANCHORS}
                forwarded_certificate:
                  header: ssl-client-cert
                  trusted_proxies: [10.0.0.1]
            """;

    GatewayConfig config =
        ConfigLoader.fromYaml(
            yaml,
            Map.of(
                "ANCHORS", anchorsFile().toString(),
                "PARGW_CLIENTS__0__JWKS_URI", "https://app.example.com/jwks.json",
                "PARGW_CLIENTS__0__TOKEN_ENDPOINT_AUTH_SIGNING_ALG", "PS256",
                "PARGW_CLIENTS__1__TLS_CLIENT_AUTH_SAN_DNS", "new.example.com"));

    assertThat(config.clients().get(0).jwksUri()).isEqualTo("https://app.example.com/jwks.json");
    assertThat(config.clients().get(0).tokenEndpointAuthSigningAlg()).isEqualTo("PS256");
    assertThat(config.clients().get(1).tlsClientAuthSanDns()).isEqualTo("new.example.com");
  }

  @Test
  void loadWhenOverrideOfListenerClientAuthThenReplaced(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "certificate");
    Path key = Files.writeString(dir.resolve("tls.key"), "key");

    GatewayConfig config =
        ConfigLoader.fromYaml(
            MINIMAL,
            Map.of(
                "PARGW_LISTENERS__0__TLS__CERT_PATH", cert.toString(),
                "PARGW_LISTENERS__0__TLS__KEY_PATH", key.toString(),
                "PARGW_LISTENERS__0__TLS__CLIENT_AUTH", "request"));

    assertThat(config.listeners().get(0).tls().clientAuth())
        .isEqualTo(TlsConfig.ClientAuth.REQUEST);
  }

  private Path anchorsFile() {
    return io.pargateway.testing.TestCertificates.selfSignedServer(anchorsDir).certPath();
  }

  @TempDir Path anchorsDir;

  @Test
  void loadWhenOverrideBelowEmptyKeyThenMappingCreated(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "certificate");
    Path key = Files.writeString(dir.resolve("tls.key"), "key");

    GatewayConfig config =
        ConfigLoader.fromYaml(
            MINIMAL,
            Map.of(
                "PARGW_LISTENERS__0__TLS__CERT_PATH", cert.toString(),
                "PARGW_LISTENERS__0__TLS__KEY_PATH", key.toString(),
                "PARGW_LISTENERS__0__HOST", "::"));

    assertThat(config.listeners())
        .containsExactly(
            new ListenerConfig(
                "::",
                8080,
                new TlsConfig(
                    cert.toString(),
                    key.toString(),
                    TlsConfig.ClientAuth.NONE,
                    TlsConfig.Engine.AUTO)));
  }

  @Test
  void loadWhenConfigFileVariableAndServiceLinksThenNotOverrides() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            MINIMAL,
            Map.of(
                "PARGW_CONFIG", "/etc/pargw/gateway.yaml",
                "PARGW_SERVICE_HOST", "10.0.0.1",
                "PARGW_SERVICE_PORT", "8080",
                "PARGW_SERVICE_PORT_HTTP", "8080",
                "PARGW_PORT", "tcp://10.0.0.1:8080",
                "PARGW_PORT_8080_TCP_ADDR", "10.0.0.1"));

    assertThat(config.issuer()).isEqualTo("https://login.example.com");
  }

  @Test
  void loadWhenProcessVariablesThenNotOverrides() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            MINIMAL,
            Map.of(
                "PARGW_CRYPTO_PROVIDER", "jdk",
                "PARGW_LOG_LEVEL", "DEBUG",
                "PARGW_ACCESS_LOG_LEVEL", "WARN"));

    assertThat(config.issuer()).isEqualTo("https://login.example.com");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          PARGW_TYPO                         | x     | typo: unknown key
          PARGW_STORE__TYPO                  | x     | store.typo: unknown key
          PARGW_STORE__REDIS__PASSWORD       | x     | store.redis.password: unknown key
          PARGW_CLIENTS__0__SECRET           | x     | clients[0].secret: unknown key
          PARGW_LISTENERS__0__TLS__CERT      | x     | listeners[0].tls.cert: unknown key
          PARGW_UPSTREAM__BASE_URL__HOST     | x     | PARGW_UPSTREAM__BASE_URL__HOST: upstream.base_url is a single value, it has no keys
          PARGW_CLIENTS__1__CLIENT_SECRET    | x     | PARGW_CLIENTS__1__CLIENT_SECRET: clients[1] does not exist; clients has 1 element
          PARGW_CLIENTS__CLIENT_SECRET       | x     | PARGW_CLIENTS__CLIENT_SECRET: clients is a list; name an element by its index
          PARGW_CLIENTS__00__CLIENT_SECRET   | x     | PARGW_CLIENTS__00__CLIENT_SECRET: clients is a list
          PARGW_STORE                        | redis | PARGW_STORE: store is a mapping; set its keys one by one
          PARGW_CLIENTS__0__REDIRECT_URIS    | x     | PARGW_CLIENTS__0__REDIRECT_URIS: clients[0].redirect_uris is a list; set its elements one by one
          PARGW_STORE____TYPE                | x     | PARGW_STORE____TYPE: has an empty part between two __
          PARGW_                             | x     | PARGW_: has an empty part between two __
          PARGW_CLIENT_AUTHENTICATION__TYPO  | x     | client_authentication.typo: unknown key
          PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS | x | PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS: client_authentication.assertion.algorithms is a list; set its elements one by one
          PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS__7 | x | PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS__7: client_authentication.assertion.algorithms[7] does not exist; client_authentication.assertion.algorithms has 7 elements
          PARGW_CLIENT_AUTHENTICATION__MTLS  | x     | PARGW_CLIENT_AUTHENTICATION__MTLS: client_authentication.mtls is a mapping; set its keys one by one
          PARGW_CLIENT__AUTHENTICATION__MTLS | x     | client: unknown key
          PARGW_CLIENTS__0__JWKS             | {}    | clients[0].jwks: must be a mapping of keys to values (set by PARGW_CLIENTS__0__JWKS)
          PARGW_CLIENTS__0__TLS_CLIENT_AUTH_SAN_DNS | a.example.com | clients[0].tls_client_auth_san_dns: only for tls_client_auth, not client_secret_basic (set by PARGW_CLIENTS__0__TLS_CLIENT_AUTH_SAN_DNS)
          """)
  void loadWhenOverrideNamesNoKeyThenFailsNamingVariable(
      String variable, String value, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(MINIMAL, Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .hasMessageContaining(variable);
  }

  @Test
  void loadWhenOverrideNotANumberThenFailsNamingKeyAndVariable() {
    assertThatThrownBy(
            () ->
                ConfigLoader.fromYaml(
                    MINIMAL, Map.of("PARGW_PAR__REQUEST_URI_LIFETIME_SECONDS", "thirty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "par.request_uri_lifetime_seconds: must be a whole number"
                + " (set by PARGW_PAR__REQUEST_URI_LIFETIME_SECONDS)");
  }

  @Test
  void loadWhenOverrideNotABooleanThenFailsNamingKeyAndVariable() {
    assertThatThrownBy(
            () -> ConfigLoader.fromYaml(MINIMAL, Map.of("PARGW_CLIENTS__0__REQUIRE_PKCE", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "clients[0].require_pkce: must be true or false (set by PARGW_CLIENTS__0__REQUIRE_PKCE)");
  }

  @Test
  void loadWhenOverrideOutOfRangeThenFailsNamingKeyAndVariable() {
    assertThatThrownBy(
            () ->
                ConfigLoader.fromYaml(
                    MINIMAL, Map.of("PARGW_PAR__REQUEST_URI_LIFETIME_SECONDS", "900")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "par.request_uri_lifetime_seconds: must be between 1 and 600, got 900"
                + " (set by PARGW_PAR__REQUEST_URI_LIFETIME_SECONDS)");
  }

  @Test
  void loadWhenReferenceThenReplaced() {
    String yaml = with("clients[0].client_secret", "${DEMO_CLIENT_SECRET}");

    GatewayConfig config = ConfigLoader.fromYaml(yaml, Map.of("DEMO_CLIENT_SECRET", "s3cr3t"));

    assertThat(config.clients().get(0).clientSecret()).isEqualTo("s3cr3t");
  }

  @Test
  void loadWhenReferencesInsideTextAndListsThenReplaced() {
    String yaml =
        with(
            "clients[0].redirect_uris",
            java.util.List.of("https://${APP_HOST}/cb", "https://${APP_HOST}:${APP_PORT}/cb"));

    GatewayConfig config =
        ConfigLoader.fromYaml(yaml, Map.of("APP_HOST", "app.example.com", "APP_PORT", "8443"));

    assertThat(config.clients().get(0).redirectUris())
        .containsExactly("https://app.example.com/cb", "https://app.example.com:8443/cb");
  }

  @Test
  void loadWhenReferenceInNumericKeyThenCoerced() {
    String yaml = with("listeners", java.util.List.of(Map.of("port", "${PORT}")));

    assertThat(ConfigLoader.fromYaml(yaml, Map.of("PORT", "9090")).listeners().get(0).port())
        .isEqualTo(9090);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      textBlock =
          """
          ${REDIS_URL:-redis://127.0.0.1:6379/1}  | NULL                   | redis://127.0.0.1:6379/1
          ${REDIS_URL:-redis://127.0.0.1:6379/1}  | ''                     | redis://127.0.0.1:6379/1
          ${REDIS_URL:-redis://127.0.0.1:6379/1}  | rediss://redis:6380/0  | rediss://redis:6380/0
          ${REDIS_URL:-}                          | NULL                   | ''
          ${REDIS_URL}                            | ''                     | ''
          $${REDIS_URL}                           | rediss://redis:6380/0  | ${REDIS_URL}
          redis://$$host:$${REDIS_URL             | rediss://redis:6380/0  | redis://$$host:${REDIS_URL
          ${REDIS_URL}                            | ${OTHER}               | ${OTHER}
          """)
  void loadWhenReferenceThenShellLikeResult(String text, String variable, String expected) {
    String yaml = with("store.key_prefix", text);
    Map<String, String> env =
        variable == null ? Map.of("OTHER", "x") : Map.of("REDIS_URL", variable, "OTHER", "x");

    assertThat(ConfigLoader.fromYaml(yaml, env).store().keyPrefix()).isEqualTo(expected);
  }

  @Test
  void loadWhenReferenceUndefinedThenFailsNamingKeyAndVariable() {
    String yaml = with("clients[0].client_secret", "${DEMO_CLIENT_SECRET}");

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clients[0].client_secret: environment variable DEMO_CLIENT_SECRET is not set");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ${DEMO_CLIENT_SECRET                | clients[0].client_secret: ${ without a closing }
          ${}                                 | clients[0].client_secret: ${...} must hold an environment variable name
          ${1ABC}                             | clients[0].client_secret: ${...} must hold an environment variable name
          ${A-B}                              | clients[0].client_secret: ${...} must hold an environment variable name
          """)
  void loadWhenReferenceMalformedThenFailsNamingKey(String text, String expected) {
    String yaml = with("clients[0].client_secret", text);

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void loadWhenOverrideHoldsReferenceThenReplaced() {
    GatewayConfig config =
        ConfigLoader.fromYaml(
            with("clients[0].client_secret", null),
            Map.of("PARGW_CLIENTS__0__CLIENT_SECRET", "${SHARED}", "SHARED", "s3cr3t"));

    assertThat(config.clients().get(0).clientSecret()).isEqualTo("s3cr3t");
  }
}
