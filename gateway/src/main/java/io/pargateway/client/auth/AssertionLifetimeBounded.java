package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The assertion is short-lived: {@code exp} minus {@code iat} (minus now, without {@code iat}) is
 * at most {@code max_lifetime_seconds}. RFC 7523 §3 item 4 lets the server bound the lifetime; a
 * short one limits how long a leaked assertion is worth anything and how long its {@code jti} must
 * be remembered.
 */
final class AssertionLifetimeBounded implements AssertionRule {

  private final Duration maxLifetime;

  AssertionLifetimeBounded(Duration maxLifetime) {
    this.maxLifetime = maxLifetime;
  }

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    Date expiry = assertion.claims().getExpirationTime();
    if (expiry == null) {
      return; // AssertionNotExpired refuses it
    }
    Date issued = assertion.claims().getIssueTime();
    Instant from = issued == null ? now : issued.toInstant();
    if (Duration.between(from, expiry.toInstant()).compareTo(maxLifetime) > 0) {
      throw AssertionRule.refused(
          "client assertion lifetime is too long",
          "exp - "
              + (issued == null ? "now" : "iat")
              + " exceeds "
              + maxLifetime.toSeconds()
              + " s");
    }
  }
}
