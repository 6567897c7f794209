package io.pargateway.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientId;
import io.pargateway.client.ClientSecret;
import io.pargateway.client.RegisteredClient;
import io.pargateway.config.ClientAuthenticationConfig.AssertionConfig;
import io.pargateway.config.ClientAuthenticationConfig.AudienceMode;
import io.pargateway.oauth.ErrorCode;
import io.pargateway.oauth.OAuthException;
import io.pargateway.request.Parameters;
import io.pargateway.testing.TestAssertions;
import io.pargateway.testing.TestAssertions.Jws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules a client assertion goes through before its keys are looked at, one row per rule and
 * variant: parsed from the form as the strategy does, then checked against a fixed clock.
 */
class AssertionRulesTest {

  private static final String ISSUER = "https://as.example.com";
  private static final String TOKEN = "https://as.example.com/token";
  private static final String PAR = "https://as.example.com/par";
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final long T = NOW.getEpochSecond();

  private static final RegisteredClient KEY_CLIENT =
      RegisteredClient.builder(new ClientId("app"), AuthMethod.PRIVATE_KEY_JWT).build();
  private static final RegisteredClient PS256_CLIENT =
      RegisteredClient.builder(new ClientId("app"), AuthMethod.PRIVATE_KEY_JWT)
          .signingAlgorithm(JWSAlgorithm.PS256)
          .build();
  private static final RegisteredClient SECRET_CLIENT =
      RegisteredClient.builder(new ClientId("app"), AuthMethod.CLIENT_SECRET_JWT)
          .secret(ClientSecret.withHmacKey("s".repeat(32)))
          .build();

  /** The signature is not looked at by these rules; any bytes do. */
  private static final TestAssertions.Signer ANY_SIGNATURE =
      input -> "not checked here".getBytes(StandardCharsets.US_ASCII);

  private static AssertionPolicy policy(AudienceMode mode, int maxBytes) {
    AssertionConfig config =
        new AssertionConfig(
            mode,
            TOKEN,
            300,
            10,
            maxBytes,
            List.of("PS256", "ES256", "EdDSA", "RS256", "HS256", "HS384", "HS512"));
    return new AssertionPolicy(
        config, AssertionAudiences.of(mode, ISSUER, TOKEN, PAR), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A valid assertion of client {@code app} at {@link #NOW}. */
  private static Jws valid() {
    return new Jws()
        .claim("iss", "app")
        .claim("sub", "app")
        .claim("aud", ISSUER)
        .claim("iat", T)
        .claim("exp", T + 60)
        .claim("jti", "jti-1");
  }

  private static Map<String, String> form(String assertion) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", "app");
    form.put("client_assertion_type", TestAssertions.TYPE);
    form.put("client_assertion", assertion);
    return form;
  }

  /** One row: a change to the valid assertion, and what must come of it. */
  private static Arguments row(String name, UnaryOperator<Jws> change, String alg, String refusal) {
    return Arguments.of(name, KEY_CLIENT, AudienceMode.DEFAULT, change, alg, refusal);
  }

  private static Arguments row(
      String name,
      RegisteredClient client,
      AudienceMode mode,
      UnaryOperator<Jws> change,
      String alg,
      String refusal) {
    return Arguments.of(name, client, mode, change, alg, refusal);
  }

  private static final String ACCEPTED = null;

  static Stream<Arguments> rows() {
    AudienceMode issuerOnly = AudienceMode.ISSUER_ONLY;
    AudienceMode dflt = AudienceMode.DEFAULT;
    return Stream.of(
        row("valid", j -> j, "RS256", ACCEPTED),
        // alg
        row("alg not in the list", j -> j, "RS384", "client assertion algorithm not accepted"),
        row(
            "HS256 by a private_key_jwt client (e.g. MACed with the RSA public key)",
            j -> j,
            "HS256",
            "client authentication method not allowed for this client"),
        row(
            "RS256 by a client_secret_jwt client",
            SECRET_CLIENT,
            dflt,
            j -> j,
            "RS256",
            "client authentication method not allowed for this client"),
        row("HS256 by a client_secret_jwt client", SECRET_CLIENT, dflt, j -> j, "HS256", ACCEPTED),
        row(
            "ES256 when PS256 is registered",
            PS256_CLIENT,
            dflt,
            j -> j,
            "ES256",
            "client assertion algorithm not accepted"),
        row("PS256 when PS256 is registered", PS256_CLIENT, dflt, j -> j, "PS256", ACCEPTED),
        // header
        row(
            "embedded jwk",
            j -> j.header("jwk", TestAssertions.ec("attacker").toPublicJWK().toJSONObject()),
            "ES256",
            "client assertion header must not carry or reference keys"),
        row(
            "jku",
            j -> j.header("jku", "https://attacker.example/jwks"),
            "RS256",
            "client assertion header must not carry or reference keys"),
        row(
            "x5u",
            j -> j.header("x5u", "https://attacker.example/cert.pem"),
            "RS256",
            "client assertion header must not carry or reference keys"),
        row(
            "x5c",
            j -> j.header("x5c", List.of("MIIB")),
            "RS256",
            "client assertion header must not carry or reference keys"),
        row(
            "crit",
            j -> j.header("crit", List.of("exp")).header("exp", T + 60),
            "RS256",
            "client assertion has critical header parameters"),
        row("typ JWT", j -> j.header("typ", "JWT"), "RS256", ACCEPTED),
        row("typ application/jwt", j -> j.header("typ", "application/jwt"), "RS256", ACCEPTED),
        row(
            "typ client-authentication+jwt",
            j -> j.header("typ", "client-authentication+jwt"),
            "RS256",
            ACCEPTED),
        row(
            "typ dpop+jwt",
            j -> j.header("typ", "dpop+jwt"),
            "RS256",
            "client assertion typ not accepted"),
        row(
            "typ oauth-authz-req+jwt",
            j -> j.header("typ", "oauth-authz-req+jwt"),
            "RS256",
            "client assertion typ not accepted"),
        // iss, sub, client_id
        row(
            "sub other than iss",
            j -> j.claim("sub", "someone"),
            "RS256",
            "client assertion iss and sub must both be the client_id"),
        row(
            "no sub",
            j -> j.claim("sub", null),
            "RS256",
            "client assertion iss and sub must both be the client_id"),
        // aud, default mode
        row("aud issuer", j -> j, "RS256", ACCEPTED),
        row("aud PAR endpoint", j -> j.claim("aud", PAR), "RS256", ACCEPTED),
        row("aud token endpoint", j -> j.claim("aud", TOKEN), "RS256", ACCEPTED),
        row("aud [issuer]", j -> j.claim("aud", List.of(ISSUER)), "RS256", ACCEPTED),
        row(
            "aud [issuer, PAR]",
            j -> j.claim("aud", List.of(ISSUER, PAR)),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "aud [other, issuer]",
            j -> j.claim("aud", List.of("https://other.example", ISSUER)),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "aud issuer with a trailing slash",
            j -> j.claim("aud", ISSUER + "/"),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "aud issuer in upper case",
            j -> j.claim("aud", "HTTPS://AS.EXAMPLE.COM"),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "aud issuer with the default port",
            j -> j.claim("aud", "https://as.example.com:443"),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "aud a prefix of the PAR endpoint",
            j -> j.claim("aud", "https://as.example.com/pa"),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "aud other URL",
            j -> j.claim("aud", "https://other.example.com"),
            "RS256",
            "client assertion audience not accepted"),
        row("no aud", j -> j.claim("aud", null), "RS256", "client assertion audience not accepted"),
        row(
            "aud []",
            j -> j.claim("aud", List.of()),
            "RS256",
            "client assertion audience not accepted"),
        // aud, issuer_only
        row("issuer_only: aud issuer", KEY_CLIENT, issuerOnly, j -> j, "RS256", ACCEPTED),
        row(
            "issuer_only: aud [issuer]",
            KEY_CLIENT,
            issuerOnly,
            j -> j.claim("aud", List.of(ISSUER)),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "issuer_only: aud PAR endpoint",
            KEY_CLIENT,
            issuerOnly,
            j -> j.claim("aud", PAR),
            "RS256",
            "client assertion audience not accepted"),
        row(
            "issuer_only: aud token endpoint",
            KEY_CLIENT,
            issuerOnly,
            j -> j.claim("aud", TOKEN),
            "RS256",
            "client assertion audience not accepted"),
        // exp and lifetime
        row("no exp", j -> j.claim("exp", null), "RS256", "client assertion has no exp"),
        row("exp now", j -> j.claim("exp", T), "RS256", "client assertion is expired"),
        row(
            "exp a second ago",
            j -> j.claim("exp", T - 1).claim("iat", T - 30),
            "RS256",
            "client assertion is expired"),
        row("lifetime 300 s", j -> j.claim("exp", T + 300), "RS256", ACCEPTED),
        row(
            "lifetime 301 s",
            j -> j.claim("exp", T + 301),
            "RS256",
            "client assertion lifetime is too long"),
        row(
            "no iat, exp in 301 s",
            j -> j.claim("iat", null).claim("exp", T + 301),
            "RS256",
            "client assertion lifetime is too long"),
        row(
            "no iat, exp in 300 s",
            j -> j.claim("iat", null).claim("exp", T + 300),
            "RS256",
            ACCEPTED),
        row(
            "iat long ago, exp soon: lifetime counted from iat",
            j -> j.claim("iat", T - 250).claim("exp", T + 60),
            "RS256",
            "client assertion lifetime is too long"),
        // iat and nbf in the future
        row("iat 5 s ahead", j -> j.claim("iat", T + 5).claim("exp", T + 65), "RS256", ACCEPTED),
        row("iat 10 s ahead", j -> j.claim("iat", T + 10).claim("exp", T + 70), "RS256", ACCEPTED),
        row(
            "iat 11 s ahead",
            j -> j.claim("iat", T + 11).claim("exp", T + 71),
            "RS256",
            "client assertion is not valid yet"),
        row("nbf 10 s ahead", j -> j.claim("nbf", T + 10), "RS256", ACCEPTED),
        row(
            "nbf 11 s ahead",
            j -> j.claim("nbf", T + 11),
            "RS256",
            "client assertion is not valid yet"),
        // jti
        row("no jti", j -> j.claim("jti", null), "RS256", "client assertion has no jti"),
        row("empty jti", j -> j.claim("jti", ""), "RS256", "client assertion has no jti"),
        row("jti of 256", j -> j.claim("jti", "j".repeat(256)), "RS256", ACCEPTED),
        row(
            "jti of 257",
            j -> j.claim("jti", "j".repeat(257)),
            "RS256",
            "client assertion jti is too long"),
        // claims of the wrong JSON type
        row(
            "exp as text",
            j -> j.claim("exp", "tomorrow"),
            "RS256",
            "client_assertion is not a signed JWT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void ruleTable(
      String name,
      RegisteredClient client,
      AudienceMode mode,
      UnaryOperator<Jws> change,
      String alg,
      String refusal) {
    String assertion = change.apply(valid()).sign(alg, ANY_SIGNATURE);
    Runnable check = () -> checked(form(assertion), client, mode, 8192);
    if (refusal == null) {
      assertThatCode(check::run).doesNotThrowAnyException();
    } else {
      OAuthException error = catchThrowableOfType(OAuthException.class, check::run);
      assertThat(error).as(name).isNotNull();
      assertThat(error.code()).isEqualTo(ErrorCode.INVALID_CLIENT);
      assertThat(error.status()).isEqualTo(401);
      assertThat(error.description()).isEqualTo(refusal);
      assertThat(error.detail()).isNotBlank().doesNotContain(assertion);
      assertThat(error.headers()).doesNotContainKey("WWW-Authenticate");
    }
  }

  static Stream<Arguments> forms() {
    String assertion = valid().sign("RS256", ANY_SIGNATURE);
    String[] parts = assertion.split("\\.");
    Map<String, String> noType = form(assertion);
    noType.remove("client_assertion_type");
    Map<String, String> noAssertion = form(assertion);
    noAssertion.remove("client_assertion");
    Map<String, String> otherType = form(assertion);
    otherType.put(
        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
    Map<String, String> otherClientId = form(assertion);
    otherClientId.put("client_id", "other");
    return Stream.of(
        Arguments.of(
            "no client_assertion_type",
            noType,
            "client_assertion and client_assertion_type are both required"),
        Arguments.of(
            "no client_assertion",
            noAssertion,
            "client_assertion and client_assertion_type are both required"),
        Arguments.of(
            "another assertion type",
            otherType,
            "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
        Arguments.of(
            "client_id of another client",
            otherClientId,
            "client_id does not match the client assertion"),
        Arguments.of("alg none", form(valid().unsecured()), "client_assertion is not a signed JWT"),
        Arguments.of(
            "a JWE (five parts)",
            form(parts[0] + ".." + parts[1] + "." + parts[2] + ".AAAA"),
            "client_assertion is not a signed JWT"),
        Arguments.of("not a JWT", form("hello"), "client_assertion is not a signed JWT"),
        Arguments.of(
            "payload not JSON",
            form(parts[0] + ".aGVsbG8." + parts[2]),
            "client_assertion is not a signed JWT"),
        Arguments.of(
            "larger than max_bytes",
            form(valid().claim("pad", "p".repeat(600)).sign("RS256", ANY_SIGNATURE)),
            "client_assertion is too large"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void formTable(String name, Map<String, String> form, String refusal) {
    OAuthException error =
        catchThrowableOfType(
            OAuthException.class, () -> checked(form, KEY_CLIENT, AudienceMode.DEFAULT, 512));
    assertThat(error).as(name).isNotNull();
    assertThat(error.status()).isEqualTo(401);
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_CLIENT);
    assertThat(error.description()).isEqualTo(refusal);
  }

  private static void checked(
      Map<String, String> form, RegisteredClient client, AudienceMode mode, int maxBytes) {
    AssertionPolicy policy = policy(mode, maxBytes);
    ClientAssertion assertion = ClientAssertion.parse(Parameters.of(form), maxBytes);
    AssertionRules.of(policy).check(assertion, client, policy.clock().instant());
  }
}
