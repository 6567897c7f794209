package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.RegisteredClient;
import java.time.Instant;

/**
 * The {@code aud} names this authorization server (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523 §3</a> item 3), in the
 * form {@link AssertionAudiences} accepts (RFC 9126 §2.1, or FAPI 2.0 §5.3.2.1-8).
 */
final class AssertionAudienceAccepted implements AssertionRule {

  private final AssertionAudiences audiences;

  AssertionAudienceAccepted(AssertionAudiences audiences) {
    this.audiences = requireNonNull(audiences, "audiences");
  }

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    if (!audiences.accepts(assertion.audience())) {
      throw AssertionRule.refused(
          "client assertion audience not accepted",
          audiences.describeRefusal(assertion.audience()));
    }
  }
}
