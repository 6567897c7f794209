package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;

/**
 * The assertion's {@code alg} is the client's {@code token_endpoint_auth_signing_alg} when it
 * registered one (<a href="https://datatracker.ietf.org/doc/html/rfc7591#section-2">RFC 7591
 * §2</a>: "All tokens ... MUST be rejected if the JWT is not signed with this algorithm").
 */
final class AssertionAlgorithmRegistered implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    client
        .signingAlgorithm()
        .filter(registered -> !registered.equals(assertion.header().getAlgorithm()))
        .ifPresent(
            registered -> {
              throw AssertionRule.refused(
                  "client assertion algorithm not accepted",
                  "alg "
                      + assertion.header().getAlgorithm()
                      + ", registered token_endpoint_auth_signing_alg "
                      + registered);
            });
  }
}
