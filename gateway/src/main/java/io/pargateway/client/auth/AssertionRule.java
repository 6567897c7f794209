package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;
import java.time.Instant;

/**
 * One rule that a client assertion must satisfy before any key is looked at. A rule reads; it never
 * changes anything. It throws an {@code invalid_client} {@link OAuthException} when the rule is
 * broken, whose detail (for the log only) names the rule; neither text ever quotes the assertion.
 */
@FunctionalInterface
interface AssertionRule {

  /**
   * @param assertion the parsed assertion
   * @param client the client its {@code iss} names
   * @param now the time of the request, the same for every rule
   */
  void check(ClientAssertion assertion, RegisteredClient client, Instant now);

  /** The refusal of an assertion: 401 {@code invalid_client}, without a challenge. */
  static OAuthException refused(String description, String detail) {
    return OAuthException.invalidClient(description, null).withDetail(detail);
  }
}
