package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * {@code iat} and {@code nbf}, when present, are at most {@code max_clock_skew_seconds} in the
 * future (<a href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523 §3</a> items
 * 5-6; <a href="https://openid.net/specs/fapi-security-profile-2_0-final.html">FAPI 2.0</a>
 * §5.3.2.1-13: accept up to 10 s in the future, refuse more than 60 s).
 */
final class AssertionNotIssuedInFuture implements AssertionRule {

  private final Duration maxClockSkew;

  AssertionNotIssuedInFuture(Duration maxClockSkew) {
    this.maxClockSkew = maxClockSkew;
  }

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    Instant latest = now.plus(maxClockSkew);
    check("iat", assertion.claims().getIssueTime(), latest);
    check("nbf", assertion.claims().getNotBeforeTime(), latest);
  }

  private static void check(String claim, Date value, Instant latest) {
    if (value != null && value.toInstant().isAfter(latest)) {
      throw AssertionRule.refused(
          "client assertion is not valid yet", claim + " is further in the future than allowed");
    }
  }
}
