package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;

/**
 * The header has no {@code crit} (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7515#section-4.1.11">RFC 7515 §4.1.11</a>): the
 * gateway understands no extension, and a JWS with a critical one it does not understand MUST be
 * refused.
 */
final class AssertionCriticalHeaderRefused implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    if (assertion.header().getIncludedParams().contains("crit")) {
      throw AssertionRule.refused(
          "client assertion has critical header parameters", "header has crit");
    }
  }
}
