package io.pargateway.config;

import static io.pargateway.config.TestConfigs.NO_ENV;
import static io.pargateway.config.TestConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          issuer                                | http://login.example.com       | issuer: must be an https URL
          issuer                                | https://login.example.com?x=1  | issuer: must not have a query
          issuer                                | https://login.example.com#top  | issuer: must not have a fragment
          issuer                                | login.example.com              | issuer: must be an absolute URL with a host
          issuer                                | https://exa mple.com           | issuer: must be an absolute URL; this is not a valid URI
          issuer                                | ftp://login.example.com        | issuer: must be an https URL
          upstream.base_url                     | op.internal:8080               | upstream.base_url: must be an absolute URL with a host
          upstream.base_url                     | ftp://op.internal              | upstream.base_url: must be an http or https URL
          upstream.base_url                     | http://op.internal/?realm=x    | upstream.base_url: must not have a query
          upstream.public_base_url              | https://login.example.com#x    | upstream.public_base_url: must not have a fragment
          upstream.authorization_path           | authorize                      | upstream.authorization_path: must start with /
          upstream.connect_timeout_ms           | 0                              | upstream.connect_timeout_ms: must be at least 1, got 0
          upstream.request_timeout_ms           | -1                             | upstream.request_timeout_ms: must be at least 1, got -1
          upstream.max_pool_size                | 0                              | upstream.max_pool_size: must be at least 1, got 0
          upstream.metadata_cache_seconds       | -1                             | upstream.metadata_cache_seconds: must be at least 0, got -1
          listeners[0].port                     | 65536                          | listeners[0].port: must be between 0 and 65535, got 65536
          listeners[0].port                     | -1                             | listeners[0].port: must be between 0 and 65535, got -1
          listeners[0].host                     | ''                             | listeners[0].host: required
          server.verticles                      | -1                             | server.verticles: must be at least 0, got -1
          server.shutdown_timeout_ms            | 0                              | server.shutdown_timeout_ms: must be at least 1, got 0
          par.path                              | par                            | par.path: must start with /
          par.path                              | /par?x                         | par.path: must be a plain path
          par.path                              | /health/live                   | par.path: must not be under /health/
          par.path                              | /.well-known/openid-configuration | par.path: must not be under /.well-known/
          par.path                              | /authorize                     | authorization.path: must differ from par.path
          authorization.path                    | /health                        | authorization.path: must not be under /health/
          authorization.path                    | /par                           | authorization.path: must differ from par.path
          par.request_uri_lifetime_seconds      | 900                            | par.request_uri_lifetime_seconds: must be between 1 and 600, got 900
          par.request_uri_lifetime_seconds      | 0                              | par.request_uri_lifetime_seconds: must be between 1 and 600, got 0
          par.max_body_bytes                    | 1023                           | par.max_body_bytes: must be between 1024 and 1048576, got 1023
          par.max_body_bytes                    | 1048577                        | par.max_body_bytes: must be between 1024 and 1048576, got 1048577
          par.max_parameters                    | 0                              | par.max_parameters: must be between 1 and 1000, got 0
          par.max_parameters                    | 1001                           | par.max_parameters: must be between 1 and 1000, got 1001
          store.redis.max_waiting_handlers      | 0                              | store.redis.max_waiting_handlers: must be at least 1, got 0
          store.redis.command_timeout_ms        | 0                              | store.redis.command_timeout_ms: must be at least 1, got 0
          store.memory.max_entries              | 0                              | store.memory.max_entries: must be at least 1, got 0
          clients[0].client_id                  | ''                             | clients[0].client_id: client_id is empty
          clients[0].client_id                  | 'tab\there'                    | clients[0].client_id: client_id has a character outside %x20-7E
          clients[0].client_id                  | 'café'                         | clients[0].client_id: client_id has a character outside %x20-7E
          clients[0].token_endpoint_auth_method | client_secret_digest           | clients[0].token_endpoint_auth_method: not supported; use client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth, none
          clients[0].token_endpoint_auth_method | TLS_CLIENT_AUTH                | clients[0].token_endpoint_auth_method: not supported
          clients[0].client_secret              | ''                             | clients[0].client_secret: required for client_secret_basic
          clients[0].redirect_uris[0]           | /callback                      | clients[0].redirect_uris[0]: must be an absolute URI
          clients[0].redirect_uris[0]           | https://app.example.com/cb#x   | clients[0].redirect_uris[0]: must not have a fragment (RFC 6749 §3.1.2)
          clients[0].redirect_uris[0]           | https://app.example.com/cb#    | clients[0].redirect_uris[0]: must not have a fragment
          clients[0].redirect_uris[0]           | http://app.example.com/cb      | clients[0].redirect_uris[0]: must use https; http only for localhost
          clients[0].redirect_uris[0]           | http://127.0.0.2/cb            | clients[0].redirect_uris[0]: must use https
          clients[0].redirect_uris[0]           | https:/cb                      | clients[0].redirect_uris[0]: must name a host
          clients[0].redirect_uris[0]           | https://app example/cb         | clients[0].redirect_uris[0]: must be an absolute URI; this is not a valid URI
          """)
  void loadWhenValueImpossibleThenFailsNamingKey(String key, String value, String expected) {
    String yaml = with(key, value.replace("\\t", "\t"));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .message()
        .doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          issuer                      | http://localhost:8080/realms/demo
          issuer                      | http://127.0.0.1
          issuer                      | http://[::1]:8080
          issuer                      | https://login.example.com/
          upstream.base_url           | http://op_internal:8080
          upstream.base_url           | https://op.internal/base
          listeners[0].port           | 0
          listeners[0].port           | 65535
          par.request_uri_lifetime_seconds | 600
          par.request_uri_lifetime_seconds | 1
          clients[0].client_id        | 'a client:with ~ visible ASCII'
          clients[0].redirect_uris[0] | http://localhost:3000/cb
          clients[0].redirect_uris[0] | http://LOCALHOST/cb
          clients[0].redirect_uris[0] | com.example.app:/oauth2redirect
          clients[0].redirect_uris[0] | myapp:callback
          clients[0].redirect_uris[0] | https://app.example.com/cb?tenant=1
          """)
  void loadWhenValueAtEdgeThenAccepted(String key, String value) {
    assertThat(ConfigLoader.fromYaml(with(key, value), NO_ENV)).isNotNull();
  }

  @Test
  void loadWhenClientIdTooLongThenFails() {
    String yaml = with("clients[0].client_id", "c".repeat(256));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clients[0].client_id: client_id is longer than 255");
  }

  @Test
  void loadWhenClientIdRepeatedThenFailsNamingBoth() {
    String yaml =
        with(
            "clients",
            List.of(
                client("a", "client_secret_basic", "secret-a"),
                client("b", "none", null),
                client("a", "client_secret_post", "secret-c")));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clients[2].client_id: the same as clients[0]");
  }

  @Test
  void loadWhenSecretGivenForPublicClientThenFails() {
    String yaml = with("clients", List.of(client("app", "none", "unexpected-secret")));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "clients[0].client_secret: not allowed when token_endpoint_auth_method is none");
  }

  @Test
  void loadWhenRedisWithoutRedisUrlThenFails() {
    String yaml =
        TestConfigs.MINIMAL
            + """
            store:
              type: redis
              redis:
                connection_string: http://:pw@redis:6379
            """;

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("store.redis.connection_string: must start with redis:// or rediss://");
  }

  @Test
  void loadWhenMemoryStoreThenRedisConnectionStringNotChecked() {
    String yaml = with("store", Map.of("redis", Map.of("connection_string", "unused")));

    assertThat(ConfigLoader.fromYaml(yaml, NO_ENV).store().type())
        .isEqualTo(StoreConfig.Type.MEMORY);
  }

  @Test
  void loadWhenTlsWithoutKeyPathThenFails(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "certificate");
    String yaml = with("listeners", List.of(Map.of("tls", Map.of("cert_path", cert.toString()))));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listeners[0].tls.key_path: required when tls is given");
  }

  @Test
  void loadWhenTlsFileMissingThenFailsNamingIt(@TempDir Path dir) throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "certificate");
    Path key = dir.resolve("tls.key");
    String yaml =
        with(
            "listeners",
            List.of(
                Map.of(
                    "port",
                    8443,
                    "tls",
                    Map.of("cert_path", cert.toString(), "key_path", key.toString()))));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listeners[0].tls.key_path: no such file: " + key);
  }

  @Test
  void loadWhenTlsIsDirectoryThenFails(@TempDir Path dir) {
    String yaml =
        with(
            "listeners",
            List.of(
                Map.of("tls", Map.of("cert_path", dir.toString(), "key_path", dir.toString()))));

    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listeners[0].tls.cert_path: no such file: " + dir);
  }

  private static Map<String, Object> client(String id, String method, String secret) {
    Map<String, Object> client = new java.util.LinkedHashMap<>();
    client.put("client_id", id);
    client.put("token_endpoint_auth_method", method);
    if (secret != null) {
      client.put("client_secret", secret);
    }
    client.put("redirect_uris", List.of("https://" + id + ".example.com/cb"));
    return client;
  }
}
