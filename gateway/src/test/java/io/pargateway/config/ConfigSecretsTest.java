package io.pargateway.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No message of the loader shows a value that may be secret. */
class ConfigSecretsTest {

  private static final String SECRET = "Sup3r-S3cret-Value";

  /** The top-level keys a configuration needs, used where a case does not write its own. */
  private static final Map<String, String> REQUIRED =
      Map.of(
          "issuer",
          "issuer: https://login.example.com\n",
          "upstream",
          "upstream:\n  base_url: http://op.internal:8080\n",
          "clients",
          "clients:\n  - client_id: demo\n    client_secret: x\n    redirect_uris: [https://a/cb]\n");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          secret for a public client | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: none\\n    client_secret: SECRET\\n    redirect_uris: [https://a/cb] | clients[0].client_secret: not allowed
          secret in a list           | clients:\\n  - client_id: app\\n    client_secret: [SECRET]\\n    redirect_uris: [https://a/cb]                                      | clients[0].client_secret: must be text
          secret in a mapping        | clients:\\n  - client_id: app\\n    client_secret: {value: SECRET}\\n    redirect_uris: [https://a/cb]                              | clients[0].client_secret: must be text
          secret with an open ${     | clients:\\n  - client_id: app\\n    client_secret: "${SECRET"\\n    redirect_uris: [https://a/cb]                                   | clients[0].client_secret: ${ without a closing }
          secret with a bad ${name}  | clients:\\n  - client_id: app\\n    client_secret: "${SECRET-x}"\\n    redirect_uris: [https://a/cb]                                | clients[0].client_secret: ${...} must hold
          secret breaking the YAML   | clients:\\n  - client_id: app\\n    client_secret: "SECRET\\n    redirect_uris: [https://a/cb]                                    | config: not valid YAML at line
          secret breaking the YAML 2 | clients:\\n  - client_id: app\\n    client_secret: SECRET: x\\n    redirect_uris: [https://a/cb]                                    | config: not valid YAML at line
          secret written twice       | clients:\\n  - client_id: app\\n    client_secret: SECRET\\n    client_secret: SECRET\\n    redirect_uris: [https://a/cb]          | clients[0].client_secret: written twice
          secret in a number         | par:\\n  max_body_bytes: SECRET                                                                                                           | par.max_body_bytes: must be a whole number
          secret in a boolean        | par:\\n  require_pushed_authorization_requests: SECRET                                                                                    | par.require_pushed_authorization_requests: must be true or false
          secret in an enum          | store:\\n  type: SECRET                                                                                                                   | store.type: must be one of
          password in a redis URL    | store:\\n  type: redis\\n  redis:\\n    connection_string: "http://:SECRET@redis:6379"                                                     | store.redis.connection_string: must start with
          password in the issuer     | issuer: "https://user:SECRET@login.example.com?x"                                                                                         | issuer: must not have a query
          password in a bad base URL | upstream:\\n  base_url: "http://user:SECRET@op internal"                                                                                  | upstream.base_url: must be an absolute URL; this is not a valid URI
          password in a redirect URI | clients:\\n  - client_id: app\\n    client_secret: x\\n    redirect_uris: ["http://user:SECRET@app.example.com/cb"]                    | clients[0].redirect_uris[0]: must use https
          short HMAC secret          | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: client_secret_jwt\\n    client_secret: SECRET\\n    redirect_uris: [https://a/cb] | clients[0].client_secret: too short for client_secret_jwt
          secret of a key client     | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    client_secret: SECRET\\n    jwks_uri: https://a/jwks\\n    redirect_uris: [https://a/cb] | clients[0].client_secret: only for client_secret_basic
          secret as an algorithm     | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    token_endpoint_auth_signing_alg: SECRET\\n    jwks_uri: https://a/jwks\\n    redirect_uris: [https://a/cb] | clients[0].token_endpoint_auth_signing_alg: must be one of
          password in a JWKS URI     | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    jwks_uri: "https://user:SECRET@a/jwks"\\n    redirect_uris: [https://a/cb] | clients[0].jwks_uri: must not hold user info
          password in a bad JWKS URI | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    jwks_uri: "https://user:SECRET@a b/jwks"\\n    redirect_uris: [https://a/cb] | clients[0].jwks_uri: must be an absolute https URL; this is not a valid URI
          password in token endpoint | client_authentication:\\n  assertion:\\n    token_endpoint: "http://user:SECRET@login.example.com/token"                           | client_authentication.assertion.token_endpoint: must not hold user info
          secret as a subject DN     | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: tls_client_auth\\n    tls_client_auth_subject_dn: SECRET\\n    redirect_uris: [https://a/cb] | clients[0].tls_client_auth_subject_dn: must be a distinguished name
          secret as a SAN IP         | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: tls_client_auth\\n    tls_client_auth_san_ip: SECRET\\n    redirect_uris: [https://a/cb] | clients[0].tls_client_auth_san_ip: must be an IPv4 or IPv6 address
          secret as a trusted proxy  | client_authentication:\\n  mtls:\\n    forwarded_certificate:\\n      header: x\\n      trusted_proxies: [SECRET]                             | client_authentication.mtls.forwarded_certificate.trusted_proxies[0]: not an IP address
          secret in a JWK            | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    jwks: {keys: [{kty: oct, k: SECRET}]}\\n    redirect_uris: [https://a/cb] | clients[0].jwks.keys[0]: symmetric (oct) keys are not allowed
          private part of a JWK      | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    jwks: {keys: [{kty: RSA, n: x, e: AQAB, d: SECRET}]}\\n    redirect_uris: [https://a/cb] | clients[0].jwks.keys[0]: holds a private key
          broken private JWK         | clients:\\n  - client_id: app\\n    token_endpoint_auth_method: private_key_jwt\\n    jwks: {keys: [{kty: EC, crv: P-256, x: SECRET, y: SECRET, d: SECRET}]}\\n    redirect_uris: [https://a/cb] | clients[0].jwks.keys[0]: holds a private key
          """)
  void loadWhenValueSecretThenMessageDoesNotShowIt(String name, String yaml, String expected) {
    String text = yaml.replace("\\n", "\n").replace("SECRET", SECRET) + "\n";
    StringBuilder config = new StringBuilder(text);
    REQUIRED.forEach(
        (key, block) -> {
          if (!text.startsWith(key + ":")) {
            config.append(block);
          }
        });

    assertThatThrownBy(() -> ConfigLoader.fromYaml(config.toString(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .message()
        .doesNotContain(SECRET)
        .doesNotContain("Sup3r")
        .doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          PARGW_STORE__REDIS__CONNECTION_STRING | http://:SECRET@redis:6379 | store.redis.connection_string: must start with redis:// or rediss:// (set by PARGW_STORE__REDIS__CONNECTION_STRING)
          PARGW_PAR__MAX_BODY_BYTES             | SECRET                    | par.max_body_bytes: must be a whole number (set by PARGW_PAR__MAX_BODY_BYTES)
          PARGW_CLIENTS__0__REQUIRE_PKCE        | SECRET                    | clients[0].require_pkce: must be true or false (set by PARGW_CLIENTS__0__REQUIRE_PKCE)
          PARGW_CLIENTS__0__CLIENT_SECRET       | ${SECRET                  | clients[0].client_secret: ${ without a closing } (write $${ for a literal ${) (set by PARGW_CLIENTS__0__CLIENT_SECRET)
          PARGW_CLIENTS__9__CLIENT_SECRET       | SECRET                    | PARGW_CLIENTS__9__CLIENT_SECRET: clients[9] does not exist; clients has 1 element
          PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS__0 | SECRET       | client_authentication.assertion.algorithms[0]: must be one of PS256, ES256, EdDSA, RS256, HS256, HS384, HS512 (set by PARGW_CLIENT_AUTHENTICATION__ASSERTION__ALGORITHMS__0)
          PARGW_CLIENT_AUTHENTICATION__ASSERTION__AUDIENCE | SECRET            | client_authentication.assertion.audience: must be one of default, issuer_only (set by PARGW_CLIENT_AUTHENTICATION__ASSERTION__AUDIENCE)
          PARGW_CLIENT_AUTHENTICATION__MTLS__FORWARDED_CERTIFICATE__HEADER | SECRET: | client_authentication.mtls.forwarded_certificate.header: must be an HTTP header name, a token of RFC 9110 §5.1 such as ssl-client-cert (set by PARGW_CLIENT_AUTHENTICATION__MTLS__FORWARDED_CERTIFICATE__HEADER)
          """)
  void loadWhenOverrideSecretThenMessageDoesNotShowIt(
      String variable, String value, String expected) {
    Map<String, String> env =
        Map.of(variable, value.replace("SECRET", SECRET), "PARGW_STORE__TYPE", "redis");

    assertThatThrownBy(() -> ConfigLoader.fromYaml(TestConfigs.MINIMAL, env))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expected)
        .message()
        .doesNotContain(SECRET)
        .doesNotContain("Sup3r");
  }
}
