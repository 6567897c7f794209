package io.pargateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.pargateway.config.ConfigLoader;
import io.pargateway.config.GatewayConfig;
import io.pargateway.testing.TestCertificates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ClientRegistry#fromConfig}: the client model of a loaded configuration. */
class ClientRegistryTest {

  private static final String HMAC_SECRET = "a-shared-secret-of-32-bytes-at-least";

  @TempDir static Path dir;

  private static RSAKey rsa;
  private static ECKey ec;
  private static ClientRegistry registry;

  @BeforeAll
  static void load() throws JOSEException {
    rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    registry = ClientRegistry.fromConfig(config(CLIENTS).clients());
  }

  private static final String CLIENTS =
      """
        - client_id: basic
          client_secret: basic-secret
          redirect_uris: [https://basic.example.com/cb]
          require_pkce: true
        - client_id: jwt
          token_endpoint_auth_method: client_secret_jwt
          client_secret: %s
          token_endpoint_auth_signing_alg: HS256
          redirect_uris: [https://jwt.example.com/cb]
        - client_id: signed
          token_endpoint_auth_method: private_key_jwt
          token_endpoint_auth_signing_alg: PS256
          jwks:
            keys:
              - %s
              - %s
          redirect_uris: [https://signed.example.com/cb]
        - client_id: fetched
          token_endpoint_auth_method: private_key_jwt
          jwks_uri: https://fetched.example.com/jwks.json
          redirect_uris: [https://fetched.example.com/cb]
        - client_id: self-signed
          token_endpoint_auth_method: self_signed_tls_client_auth
          jwks:
            keys: [%s]
          redirect_uris: [https://self-signed.example.com/cb]
        - client_id: public
          token_endpoint_auth_method: none
          client_secret: ""
          redirect_uris: [https://public.example.com/cb]
      """;

  private static GatewayConfig config(String clients) {
    String anchors = TestCertificates.selfSignedServer(dir).certPath().toString();
    String yaml =
        """
        issuer: https://login.example.com
        upstream:
          base_url: http://op.internal:8080
        client_authentication:
          mtls:
            trust_anchors_path: %s
            forwarded_certificate:
              header: ssl-client-cert
              trusted_proxies: [10.0.0.1]
        clients:
        """
                .formatted(anchors)
            + clients.formatted(
                HMAC_SECRET,
                json(rsa.toPublicJWK().toJSONObject()),
                json(ec.toPublicJWK().toJSONObject()),
                json(ec.toPublicJWK().toJSONObject()));
    return ConfigLoader.fromYaml(yaml, Map.of());
  }

  /** A JWK as a YAML flow mapping. */
  private static String json(Map<String, Object> jwk) {
    return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(jwk);
  }

  private static RegisteredClient client(String id) {
    return registry.find(id).orElseThrow();
  }

  @Test
  void fromConfigWhenSharedSecretClientThenDigestOnly() {
    RegisteredClient client = client("basic");

    assertThat(client.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET_BASIC);
    assertThat(client.secret())
        .hasValueSatisfying(s -> assertThat(s.matches("basic-secret")).isTrue());
    assertThat(client.secret().orElseThrow().hasHmacKey()).isFalse();
    assertThatThrownBy(() -> client.secret().orElseThrow().hmacKey())
        .isInstanceOf(IllegalStateException.class);
    assertThat(client.requirePkce()).isTrue();
    assertThat(client.signingAlgorithm()).isEmpty();
    assertThat(client.keys()).isEqualTo(ClientKeys.NONE);
    assertThat(client.tlsSubject()).isEmpty();
  }

  @Test
  void fromConfigWhenClientSecretJwtThenHmacKeyAndAlgorithm() {
    RegisteredClient client = client("jwt");
    ClientSecret secret = client.secret().orElseThrow();

    assertThat(client.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET_JWT);
    assertThat(client.signingAlgorithm()).contains(JWSAlgorithm.HS256);
    assertThat(secret.matches(HMAC_SECRET)).isTrue();
    assertThat(secret.hmacKey()).isEqualTo(HMAC_SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(secret).hasToString("ClientSecret[redacted]");
    assertThat(client.toString()).doesNotContain(HMAC_SECRET);
  }

  @Test
  void hmacKeyWhenCopyChangedThenKeyUnchanged() {
    ClientSecret secret = ClientSecret.withHmacKey(HMAC_SECRET);

    secret.hmacKey()[0] ^= 1;

    assertThat(secret.hmacKey()).isEqualTo(HMAC_SECRET.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fromConfigWhenInlineJwksThenParsedPublicKeySet() {
    RegisteredClient client = client("signed");

    assertThat(client.authMethod()).isEqualTo(AuthMethod.PRIVATE_KEY_JWT);
    assertThat(client.signingAlgorithm()).contains(JWSAlgorithm.PS256);
    assertThat(client.secret()).isEmpty();
    assertThat(client.keys().jwksUri()).isEmpty();
    assertThat(client.keys().inline())
        .contains(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
    assertThat(client.keys().inline().orElseThrow().getKeys()).noneMatch(key -> key.isPrivate());
  }

  @Test
  void fromConfigWhenJwksUriThenUri() {
    RegisteredClient client = client("fetched");

    assertThat(client.keys().inline()).isEmpty();
    assertThat(client.keys().jwksUri())
        .contains(URI.create("https://fetched.example.com/jwks.json"));
    assertThat(client.keys().isPresent()).isTrue();
    assertThat(client.signingAlgorithm()).isEmpty();
  }

  @Test
  void fromConfigWhenSelfSignedThenKeysWithoutSubject() {
    RegisteredClient client = client("self-signed");

    assertThat(client.authMethod()).isEqualTo(AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH);
    assertThat(client.keys().inline()).contains(new JWKSet(ec.toPublicJWK()));
    assertThat(client.tlsSubject()).isEmpty();
  }

  @Test
  void fromConfigWhenPublicClientWithEmptySecretThenNoSecret() {
    assertThat(client("public").secret()).isEmpty();
    assertThat(client("public").authMethod()).isEqualTo(AuthMethod.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tls_client_auth_subject_dn | 'CN=pki,O=Example,C=DE'     | SUBJECT_DN
          tls_client_auth_san_dns    | pki.example.com             | SAN_DNS
          tls_client_auth_san_uri    | spiffe://example.com/pki    | SAN_URI
          tls_client_auth_san_ip     | 2001:db8::10                | SAN_IP
          tls_client_auth_san_email  | pki@example.com             | SAN_EMAIL
          """)
  void fromConfigWhenTlsClientAuthThenSubjectOfItsKind(
      String key, String value, TlsSubject.Kind kind) {
    String clients =
        """
          - client_id: pki
            token_endpoint_auth_method: tls_client_auth
            %s: "%s"
            redirect_uris: [https://pki.example.com/cb]
        """
            .formatted(key, value)
            .replace("%", "%%");

    RegisteredClient client =
        ClientRegistry.fromConfig(config(clients).clients()).find("pki").orElseThrow();

    assertThat(client.authMethod()).isEqualTo(AuthMethod.TLS_CLIENT_AUTH);
    assertThat(client.tlsSubject()).contains(new TlsSubject(kind, value));
    assertThat(kind.metadataName()).isEqualTo(key);
    assertThat(client.keys()).isEqualTo(ClientKeys.NONE);
    assertThat(client.secret()).isEmpty();
  }

  @Test
  void clientKeysWhenInlineAndUriThenRefused() {
    assertThatThrownBy(
            () ->
                new ClientKeys(
                    java.util.Optional.of(new JWKSet()),
                    java.util.Optional.of(URI.create("https://a/jwks"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tlsSubjectWhenEmptyThenRefused() {
    assertThatThrownBy(() -> new TlsSubject(TlsSubject.Kind.SAN_DNS, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tls_client_auth_san_dns is empty");
  }

  @Test
  void builderWhenOnlyRequiredThenEmptyRest() {
    RegisteredClient client =
        RegisteredClient.builder(new ClientId("app"), AuthMethod.NONE).build();

    assertThat(client)
        .isEqualTo(
            new RegisteredClient(
                new ClientId("app"),
                AuthMethod.NONE,
                java.util.Optional.empty(),
                java.util.Set.of(),
                false,
                false,
                java.util.Optional.empty(),
                ClientKeys.NONE,
                java.util.Optional.empty()));
  }

  @Test
  void authMethodWhenMetadataNameThenConstant() {
    assertThat(AuthMethod.fromMetadataName("self_signed_tls_client_auth"))
        .isEqualTo(AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH);
    assertThat(AuthMethod.PRIVATE_KEY_JWT.metadataName()).isEqualTo("private_key_jwt");
    assertThatThrownBy(() -> AuthMethod.fromMetadataName("PRIVATE_KEY_JWT"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
