package io.pargateway.client.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.client.RegisteredClient;
import java.time.Instant;
import java.util.Set;

/**
 * The assertion's {@code alg} is one the gateway accepts ({@code
 * client_authentication.assertion.algorithms}), never {@code none} (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523 §3</a> item 9: the JWT
 * MUST be digitally signed or have a MAC applied; <a
 * href="https://datatracker.ietf.org/doc/html/rfc8725#section-3.1">RFC 8725 §3.1</a>).
 */
final class AssertionAlgorithmAllowed implements AssertionRule {

  private final Set<JWSAlgorithm> allowed;

  AssertionAlgorithmAllowed(Set<JWSAlgorithm> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    JWSAlgorithm algorithm = assertion.header().getAlgorithm();
    if (!allowed.contains(algorithm)) {
      throw AssertionRule.refused(
          "client assertion algorithm not accepted", "alg " + algorithm + " not allowed");
    }
  }
}
