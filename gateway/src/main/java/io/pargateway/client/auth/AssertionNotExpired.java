package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;
import java.util.Date;

/**
 * {@code exp} is present and in the future (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523 §3</a> item 4: the JWT
 * MUST contain an exp claim, and is rejected when it has expired; RFC 7519 §4.1.4: "the current
 * date/time MUST be before the expiration date/time"). No leeway: the lifetime is short and the
 * client sets it.
 */
final class AssertionNotExpired implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    Date expiry = assertion.claims().getExpirationTime();
    if (expiry == null) {
      throw AssertionRule.refused("client assertion has no exp", "exp missing");
    }
    if (!now.isBefore(expiry.toInstant())) {
      throw AssertionRule.refused("client assertion is expired", "exp is not in the future");
    }
  }
}
