package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;

/**
 * {@code sub} is the client id, as {@code iss} is (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523 §3</a> items 1-2 for
 * client authentication, §2.2; <a
 * href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">OIDC Core
 * §9</a>: "iss ... MUST contain the client_id", "sub ... MUST contain the client_id").
 */
final class AssertionSubjectIsIssuer implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    if (!client.id().value().equals(assertion.claims().getSubject())) {
      throw AssertionRule.refused(
          "client assertion iss and sub must both be the client_id", "sub is not iss");
    }
  }
}
