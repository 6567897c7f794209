package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;
import java.util.List;

/**
 * The header neither carries nor points to a key: no {@code jwk}, {@code jku}, {@code x5c} or
 * {@code x5u} (<a href="https://datatracker.ietf.org/doc/html/rfc8725#section-3.10">RFC 8725
 * §3.10</a>). The keys are always the client's registered ones; a key named by the token would let
 * anyone sign for the client, and a URL would make the gateway fetch what the token says.
 */
final class AssertionKeyHeadersRefused implements AssertionRule {

  private static final List<String> KEY_HEADERS = List.of("jwk", "jku", "x5c", "x5u");

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    for (String name : KEY_HEADERS) {
      if (assertion.header().getIncludedParams().contains(name)) {
        throw AssertionRule.refused(
            "client assertion header must not carry or reference keys", "header has " + name);
      }
    }
  }
}
