package io.pargateway.client.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.client.AuthMethod;
import io.pargateway.client.RegisteredClient;
import java.time.Instant;

/**
 * The assertion's {@code alg} is of the kind the client's method uses (<a
 * href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">OIDC Core
 * §9</a>): an HMAC ({@code HS*}) for {@code client_secret_jwt}, an asymmetric signature for {@code
 * private_key_jwt}. Checked before any key is touched, so that an assertion "MACed" with a public
 * key (the RS256/HS256 confusion, <a
 * href="https://datatracker.ietf.org/doc/html/rfc8725#section-2.1">RFC 8725 §2.1</a>) is refused
 * for what it claims to be.
 */
final class AssertionAlgorithmFitsMethod implements AssertionRule {

  @Override
  public void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    AuthMethod presented = methodOf(assertion.header().getAlgorithm());
    if (presented != client.authMethod()) {
      throw AssertionRule.refused(
          "client authentication method not allowed for this client",
          "presented " + presented.metadataName() + ", registered " + client.authMethod());
    }
  }

  /** The method an assertion signed with {@code algorithm} amounts to. */
  static AuthMethod methodOf(JWSAlgorithm algorithm) {
    return JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
        ? AuthMethod.CLIENT_SECRET_JWT
        : AuthMethod.PRIVATE_KEY_JWT;
  }
}
