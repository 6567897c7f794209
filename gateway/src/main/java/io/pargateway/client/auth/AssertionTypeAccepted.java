package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The header's {@code typ}, when present, says this is a JWT meant for client authentication:
 * {@code JWT} (<a href="https://datatracker.ietf.org/doc/html/rfc7519#section-5.1">RFC 7519
 * §5.1</a>) or {@code client-authentication+jwt} (explicit typing of draft-ietf-oauth-rfc7523bis,
 * <a href="https://datatracker.ietf.org/doc/html/rfc8725#section-3.11">RFC 8725 §3.11</a>). Any
 * other type (an ID token's, a DPoP proof's, a request object's) is refused, so that a JWT issued
 * for another purpose cannot pass as an assertion. Compared as a media type: case-insensitive, with
 * or without the {@code application/} prefix (RFC 7515 §4.1.9).
 */
final class AssertionTypeAccepted implements AssertionRule {

  private static final Set<String> ACCEPTED = Set.of("jwt", "client-authentication+jwt");
  private static final String PREFIX = "application/";

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    if (assertion.header().getType() == null) {
      return;
    }
    String type = assertion.header().getType().getType().toLowerCase(Locale.ROOT);
    if (type.startsWith(PREFIX)) {
      type = type.substring(PREFIX.length());
    }
    if (!ACCEPTED.contains(type)) {
      throw AssertionRule.refused("client assertion typ not accepted", "typ not accepted");
    }
  }
}
