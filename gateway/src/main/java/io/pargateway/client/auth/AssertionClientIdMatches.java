package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;

/**
 * A {@code client_id} form parameter, when sent, names the client of the assertion (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7521#section-4.2">RFC 7521 §4.2</a>: it identifies
 * the client, and the assertion authenticates that one).
 */
final class AssertionClientIdMatches implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    String parameter = assertion.clientIdParameter();
    if (parameter != null && !parameter.equals(client.id().value())) {
      throw AssertionRule.refused(
          "client_id does not match the client assertion", "client_id parameter is not iss");
    }
  }
}
