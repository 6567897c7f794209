package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pargateway.request.Parameters;
import java.text.ParseException;
import java.util.Map;

/**
 * A client assertion as presented (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7523#section-2.2">RFC 7523 §2.2</a>): a JWS in
 * compact form, parsed but not yet checked or verified.
 *
 * @param jwt the signed JWT
 * @param header its JOSE header
 * @param claims its claims
 * @param audience the {@code aud} member as written: a {@code String}, a {@code List}, or {@code
 *     null}; the claims set no longer tells a string from an array of one
 * @param clientIdParameter the {@code client_id} form parameter, or {@code null}
 */
record ClientAssertion(
    SignedJWT jwt,
    JWSHeader header,
    JWTClaimsSet claims,
    Object audience,
    String clientIdParameter) {

  /** RFC 7523 §2.2. */
  static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  ClientAssertion {
    requireNonNull(jwt, "jwt");
    requireNonNull(header, "header");
    requireNonNull(claims, "claims");
  }

  /** Whether {@code form} carries an assertion, well-formed or not. */
  static boolean isPresented(Parameters form) {
    return form.has("client_assertion") || form.has("client_assertion_type");
  }

  /**
   * The assertion in {@code form}: both parameters present, the type the JWT bearer one, at most
   * {@code maxBytes} long (checked before anything is parsed), and a JWS in compact form with a
   * JSON claims set. A JWE, an unsecured JWT ({@code alg: none}) or anything else is refused.
   *
   * @throws io.pargateway.oauth.OAuthException {@code invalid_client}
   */
  static ClientAssertion parse(Parameters form, int maxBytes) {
    String assertion = form.get("client_assertion");
    String type = form.get("client_assertion_type");
    if (assertion == null || type == null || assertion.isEmpty()) {
      throw AssertionRule.refused(
          "client_assertion and client_assertion_type are both required", "assertion incomplete");
    }
    if (!TYPE.equals(type)) {
      throw AssertionRule.refused(
          "client_assertion_type must be " + TYPE, "unsupported client_assertion_type");
    }
    // A JWS in compact form is ASCII: one character is one byte.
    if (assertion.length() > maxBytes) {
      throw AssertionRule.refused(
          "client_assertion is too large",
          "assertion of " + assertion.length() + " characters, more than " + maxBytes);
    }
    try {
      SignedJWT jwt = SignedJWT.parse(assertion);
      Map<String, Object> members = jwt.getPayload().toJSONObject();
      if (members == null) {
        throw new ParseException("the payload is not a JSON object", 0);
      }
      return new ClientAssertion(
          jwt,
          jwt.getHeader(),
          JWTClaimsSet.parse(members),
          members.get("aud"),
          form.get("client_id"));
    } catch (ParseException | RuntimeException e) {
      // nimbus refuses five parts (a JWE) and alg none here; its message never quotes the token.
      throw AssertionRule.refused(
          "client_assertion is not a signed JWT", "assertion unparsable: " + brief(e.getMessage()));
    }
  }

  private static String brief(String message) {
    if (message == null) {
      return "unreadable";
    }
    return message.length() > 120 ? message.substring(0, 120) + "..." : message;
  }
}
