package io.pargateway.client.auth;

import io.pargateway.client.RegisteredClient;
import io.pargateway.store.ReplayGuard;
import java.time.Instant;

/**
 * {@code jti} is present, and short enough to be remembered (<a
 * href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">OIDC Core
 * §9</a>: "jti REQUIRED. JWT ID. A unique identifier for the token, which can be used to prevent
 * reuse of the token"). Its single use is recorded after the signature is verified.
 */
final class AssertionJtiPresent implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    String jti = assertion.claims().getJWTID();
    if (jti == null || jti.isEmpty()) {
      throw AssertionRule.refused("client assertion has no jti", "jti missing");
    }
    if (jti.length() > ReplayGuard.MAX_JTI_LENGTH) {
      throw AssertionRule.refused(
          "client assertion jti is too long",
          "jti longer than " + ReplayGuard.MAX_JTI_LENGTH + " characters");
    }
  }
}
