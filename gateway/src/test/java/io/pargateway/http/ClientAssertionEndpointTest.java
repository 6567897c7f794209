package io.pargateway.http;

import static io.pargateway.testing.AssertionClients.EC;
import static io.pargateway.testing.AssertionClients.EC_CLIENT;
import static io.pargateway.testing.AssertionClients.ED;
import static io.pargateway.testing.AssertionClients.ED_CLIENT;
import static io.pargateway.testing.AssertionClients.ISSUER;
import static io.pargateway.testing.AssertionClients.PAR_ENDPOINT;
import static io.pargateway.testing.AssertionClients.RSA;
import static io.pargateway.testing.AssertionClients.RSA_CLIENT;
import static io.pargateway.testing.AssertionClients.SECRET;
import static io.pargateway.testing.AssertionClients.SECRET_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.Gateway;
import io.pargateway.testing.AssertionClients;
import io.pargateway.testing.Http;
import io.pargateway.testing.Pushes;
import io.pargateway.testing.TestAssertions;
import io.pargateway.testing.TestAssertions.Jws;
import io.pargateway.testing.TestAssertions.Signer;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Black-box tests of {@code private_key_jwt} and {@code client_secret_jwt} at {@code POST /par}:
 * real keys, a running gateway, every refusal with its status and error code.
 */
class ClientAssertionEndpointTest {

  private static final String TOKEN_ENDPOINT = "http://localhost/token";

  private static Vertx vertx;
  private static UpstreamOp upstream;

  /** Default audiences, no token endpoint configured, max_bytes 2048. */
  private static Gateway gateway;

  /** audience: issuer_only. */
  private static Gateway issuerOnly;

  /** Default audiences with the token endpoint configured. */
  private static Gateway withTokenEndpoint;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = UpstreamOp.start();
    gateway = start("  assertion:\n    max_bytes: 2048\n");
    issuerOnly = start("  assertion:\n    audience: issuer_only\n");
    withTokenEndpoint = start("  assertion:\n    token_endpoint: \"" + TOKEN_ENDPOINT + "\"\n");
  }

  private static Gateway start(String clientAuthentication) {
    return Http.await(
        Gateway.start(
            vertx,
            TestConfigs.config(
                TestConfigs.Options.of(upstream)
                    .withClients(AssertionClients.yaml())
                    .withClientAuthentication(clientAuthentication))));
  }

  @AfterAll
  static void stop() {
    Http.await(gateway.stop());
    Http.await(issuerOnly.stop());
    Http.await(withTokenEndpoint.stop());
    Http.await(vertx.close());
    upstream.close();
  }

  private static Signer rs256() {
    return TestAssertions.rsaSigner(RSA, JWSAlgorithm.RS256);
  }

  private static Jws assertion(String clientId) {
    return TestAssertions.assertion(clientId, ISSUER);
  }

  private static HttpResponse<String> push(String clientId, String assertion) {
    return AssertionClients.push(gateway, clientId, assertion);
  }

  private static void assertCreated(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(new JsonObject(response.body()).getString("request_uri"))
        .startsWith("urn:ietf:params:oauth:request_uri:");
  }

  private static void assertInvalidClient(HttpResponse<String> response) {
    assertInvalidClient(response, null);
  }

  /** 401 {@code invalid_client} for the reason {@code description} names, when given. */
  private static void assertInvalidClient(HttpResponse<String> response, String description) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("invalid_client");
    assertThat(body.getString("error_description")).isNotBlank();
    if (description != null) {
      assertThat(body.getString("error_description")).isEqualTo(description);
    }
    // No Authorization header was sent, so no challenge (RFC 6749 §5.2).
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  // Success, one per algorithm

  @Test
  void pushWhenPrivateKeyJwtRs256Then201() {
    assertCreated(push(RSA_CLIENT, assertion(RSA_CLIENT).kid("rsa-1").sign("RS256", rs256())));
  }

  @Test
  void pushWhenPrivateKeyJwtPs256Then201() {
    assertCreated(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .kid("rsa-1")
                .sign("PS256", TestAssertions.rsaSigner(RSA, JWSAlgorithm.PS256))));
  }

  @Test
  void pushWhenPrivateKeyJwtEs256Then201() {
    assertCreated(
        push(
            EC_CLIENT,
            assertion(EC_CLIENT).kid("ec-1").sign("ES256", TestAssertions.ecSigner(EC))));
  }

  @Test
  void pushWhenPrivateKeyJwtEdDsaThen201() {
    assertCreated(
        push(
            ED_CLIENT,
            assertion(ED_CLIENT).kid("ed-1").sign("EdDSA", TestAssertions.ed25519Signer(ED))));
  }

  @Test
  void pushWhenPrivateKeyJwtWithoutKidThenTheFittingKeyIsFound() {
    assertCreated(push(EC_CLIENT, assertion(EC_CLIENT).sign("ES256", TestAssertions.ecSigner(EC))));
  }

  @Test
  void pushWhenClientSecretJwtHs256Then201() {
    assertCreated(
        push(
            SECRET_CLIENT,
            assertion(SECRET_CLIENT)
                .sign(
                    "HS256",
                    TestAssertions.macSigner(
                        SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256))));
  }

  @Test
  void pushWhenAssertionAcceptedThenClientIdMayBeLeftOut() {
    Map<String, String> form =
        TestAssertions.form(RSA_CLIENT, assertion(RSA_CLIENT).sign("RS256", rs256()));
    form.remove("client_id");
    assertCreated(AssertionClients.push(gateway, form));
  }

  // Keys and signatures

  @Test
  void pushWhenSignedByAnotherKeyThen401() {
    assertInvalidClient(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .kid("rsa-1")
                .sign(
                    "RS256",
                    TestAssertions.rsaSigner(TestAssertions.rsa("rsa-1"), JWSAlgorithm.RS256))));
    assertInvalidClient(
        push(
            EC_CLIENT,
            assertion(EC_CLIENT).sign("ES256", TestAssertions.ecSigner(TestAssertions.ec("x")))),
        "client authentication failed");
  }

  @Test
  void pushWhenSignatureTamperedThen401() {
    String signed = assertion(EC_CLIENT).sign("ES256", TestAssertions.ecSigner(EC));
    String[] parts = signed.split("\\.");
    String otherClaims =
        assertion(EC_CLIENT).sign("ES256", TestAssertions.ecSigner(EC)).split("\\.")[1];
    assertInvalidClient(push(EC_CLIENT, parts[0] + "." + otherClaims + "." + parts[2]));
  }

  @Test
  void pushWhenKidUnknownThen401() {
    assertInvalidClient(
        push(RSA_CLIENT, assertion(RSA_CLIENT).kid("rsa-9").sign("RS256", rs256())),
        "client authentication failed");
  }

  @Test
  void pushWhenAlgNoneThen401() {
    assertInvalidClient(
        push(RSA_CLIENT, assertion(RSA_CLIENT).unsecured()),
        "client_assertion is not a signed JWT");
  }

  @Test
  void pushWhenHs256MacedWithTheRsaPublicKeyThen401() throws Exception {
    // The classic confusion: the public key (which anyone has) used as an HMAC secret.
    byte[] publicKey = RSA.toPublicJWK().toRSAPublicKey().getEncoded();
    assertInvalidClient(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .kid("rsa-1")
                .sign("HS256", TestAssertions.macSigner(publicKey, JWSAlgorithm.HS256))),
        "client authentication method not allowed for this client");
  }

  @Test
  void pushWhenEmbeddedJwkHeaderThen401() {
    var attacker = TestAssertions.ec("ec-1");
    assertInvalidClient(
        push(
            EC_CLIENT,
            assertion(EC_CLIENT)
                .header("jwk", attacker.toPublicJWK().toJSONObject())
                .sign("ES256", TestAssertions.ecSigner(attacker))),
        "client assertion header must not carry or reference keys");
  }

  @Test
  void pushWhenJkuHeaderThen401() {
    assertInvalidClient(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .header("jku", "https://attacker.example/jwks.json")
                .sign("RS256", rs256())),
        "client assertion header must not carry or reference keys");
  }

  @Test
  void pushWhenCritHeaderThen401() {
    assertInvalidClient(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .header("crit", List.of("urn:example:policy"))
                .header("urn:example:policy", "strict")
                .sign("RS256", rs256())),
        "client assertion has critical header parameters");
  }

  @Test
  void pushWhenAssertionLargerThanMaxBytesThen401() {
    String large = assertion(RSA_CLIENT).claim("pad", "p".repeat(2_000)).sign("RS256", rs256());
    assertThat(large.length()).isGreaterThan(2048);
    assertInvalidClient(push(RSA_CLIENT, large), "client_assertion is too large");
  }

  // Methods

  @Test
  void pushWhenPrivateKeyJwtClientUsesClientSecretBasicThen401() {
    HttpResponse<String> response = Pushes.push(gateway, RSA_CLIENT, "some-secret");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void pushWhenClientSecretJwtClientSendsRs256Then401() {
    assertInvalidClient(
        push(SECRET_CLIENT, assertion(SECRET_CLIENT).sign("RS256", rs256())),
        "client authentication method not allowed for this client");
  }

  @Test
  void pushWhenBasicClientSendsAnAssertionThen401() {
    assertInvalidClient(
        push(
            TestConfigs.BASIC_CLIENT,
            assertion(TestConfigs.BASIC_CLIENT)
                .sign(
                    "HS256",
                    TestAssertions.macSigner(
                        TestConfigs.BASIC_SECRET.getBytes(StandardCharsets.UTF_8),
                        JWSAlgorithm.HS256))),
        "client authentication method not allowed for this client");
  }

  @Test
  void pushWhenAssertionAndBasicHeaderBothThen401() {
    HttpResponse<String> response =
        Http.postForm(
            "http://127.0.0.1:" + gateway.port() + "/par",
            Http.form(
                TestAssertions.form(RSA_CLIENT, assertion(RSA_CLIENT).sign("RS256", rs256()))),
            new String[] {TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET});
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void pushWhenAssertionTypeMissingThen401() {
    Map<String, String> form =
        TestAssertions.form(RSA_CLIENT, assertion(RSA_CLIENT).sign("RS256", rs256()));
    form.remove("client_assertion_type");
    assertInvalidClient(AssertionClients.push(gateway, form));
  }

  // Claims

  @Test
  void pushWhenAssertionExpiredThen401() {
    assertInvalidClient(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .secondsFromNow("iat", -120)
                .secondsFromNow("exp", -60)
                .sign("RS256", rs256())),
        "client assertion is expired");
  }

  @Test
  void pushWhenIatTooFarInTheFutureThen401() {
    assertInvalidClient(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .secondsFromNow("iat", 30)
                .secondsFromNow("exp", 90)
                .sign("RS256", rs256())),
        "client assertion is not valid yet");
  }

  @Test
  void pushWhenIatFiveSecondsAheadThen201() {
    assertCreated(
        push(
            RSA_CLIENT,
            assertion(RSA_CLIENT)
                .secondsFromNow("iat", 5)
                .secondsFromNow("exp", 65)
                .sign("RS256", rs256())));
  }

  @Test
  void pushWhenLifetimeLongerThanAllowedThen401() {
    assertInvalidClient(
        push(RSA_CLIENT, assertion(RSA_CLIENT).secondsFromNow("exp", 3_600).sign("RS256", rs256())),
        "client assertion lifetime is too long");
  }

  @Test
  void pushWhenIssIsNotSubThen401() {
    assertInvalidClient(
        push(RSA_CLIENT, assertion(RSA_CLIENT).claim("sub", EC_CLIENT).sign("RS256", rs256())),
        "client assertion iss and sub must both be the client_id");
  }

  @Test
  void pushWhenIssIsAnotherClientThen401() {
    // Signed with the RSA client's key, but claiming to be the EC client.
    assertInvalidClient(push(EC_CLIENT, assertion(EC_CLIENT).sign("RS256", rs256())));
  }

  @Test
  void pushWhenJtiMissingThen401() {
    assertInvalidClient(
        push(RSA_CLIENT, assertion(RSA_CLIENT).claim("jti", null).sign("RS256", rs256())),
        "client assertion has no jti");
  }

  @Test
  void pushWhenJtiReplayedThen401() {
    String once = assertion(RSA_CLIENT).sign("RS256", rs256());
    assertCreated(push(RSA_CLIENT, once));
    assertInvalidClient(push(RSA_CLIENT, once));
    // The same jti in a fresh assertion is a replay too.
    String jti = (String) TestAssertions.assertion(RSA_CLIENT, ISSUER).claim("jti");
    assertCreated(push(RSA_CLIENT, assertion(RSA_CLIENT).claim("jti", jti).sign("RS256", rs256())));
    assertInvalidClient(
        push(RSA_CLIENT, assertion(RSA_CLIENT).claim("jti", jti).sign("RS256", rs256())),
        "client assertion was already used");
  }

  @Test
  void pushWhenRefusedBeforeTheSignatureThenJtiNotBurnt() {
    Jws valid = assertion(RSA_CLIENT);
    assertInvalidClient(
        push(
            RSA_CLIENT,
            valid.sign(
                "RS256", TestAssertions.rsaSigner(TestAssertions.rsa("x"), JWSAlgorithm.RS256))));
    assertCreated(push(RSA_CLIENT, valid.sign("RS256", rs256())));
  }

  // Audiences

  static Stream<Arguments> audiences() {
    return Stream.of(
        Arguments.of("default", "issuer", ISSUER, 201),
        Arguments.of("default", "PAR endpoint", PAR_ENDPOINT, 201),
        Arguments.of("default", "[issuer]", List.of(ISSUER), 201),
        Arguments.of("default", "other URL", "https://other.example.com/", 401),
        Arguments.of("default", "issuer with a trailing slash", ISSUER + "/", 401),
        Arguments.of("default", "PAR endpoint on the default port", "http://localhost:80/par", 401),
        Arguments.of("default", "[issuer, PAR endpoint]", List.of(ISSUER, PAR_ENDPOINT), 401),
        Arguments.of("default", "token endpoint, not configured", TOKEN_ENDPOINT, 401),
        Arguments.of("token endpoint", "token endpoint, configured", TOKEN_ENDPOINT, 201),
        Arguments.of("token endpoint", "issuer", ISSUER, 201),
        Arguments.of("issuer_only", "issuer", ISSUER, 201),
        Arguments.of("issuer_only", "[issuer]", List.of(ISSUER), 401),
        Arguments.of("issuer_only", "PAR endpoint", PAR_ENDPOINT, 401));
  }

  @ParameterizedTest(name = "{0}: aud {1} -> {3}")
  @MethodSource("audiences")
  void pushWhenAudienceThenAcceptedOnlyAsAWholeValue(
      String gatewayName, String name, Object aud, int status) {
    Gateway target =
        switch (gatewayName) {
          case "issuer_only" -> issuerOnly;
          case "token endpoint" -> withTokenEndpoint;
          default -> gateway;
        };
    HttpResponse<String> response =
        AssertionClients.push(
            target, RSA_CLIENT, TestAssertions.assertion(RSA_CLIENT, aud).sign("RS256", rs256()));
    if (status == 201) {
      assertCreated(response);
    } else {
      assertInvalidClient(response, "client assertion audience not accepted");
    }
  }
}
