package io.pargateway.client.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.client.RegisteredClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a client assertion goes through before its keys are looked at, in the order they run:
 * the header first, then the claims (as Nimbus's OAuth SDK does, claims are checked before keys are
 * fetched or signatures verified).
 */
final class AssertionRules {

  private final List<AssertionRule> rules;

  private AssertionRules(List<AssertionRule> rules) {
    this.rules = List.copyOf(rules);
  }

  static AssertionRules of(AssertionPolicy policy) {
    Set<JWSAlgorithm> algorithms =
        policy.config().algorithms().stream()
            .map(JWSAlgorithm::parse)
            .collect(Collectors.toUnmodifiableSet());
    return new AssertionRules(
        List.of(
            new AssertionAlgorithmAllowed(algorithms),
            new AssertionAlgorithmFitsMethod(),
            new AssertionAlgorithmRegistered(),
            new AssertionKeyHeadersRefused(),
            new AssertionCriticalHeaderRefused(),
            new AssertionTypeAccepted(),
            new AssertionSubjectIsIssuer(),
            new AssertionClientIdMatches(),
            new AssertionAudienceAccepted(policy.audiences()),
            new AssertionNotExpired(),
            new AssertionLifetimeBounded(Duration.ofSeconds(policy.config().maxLifetimeSeconds())),
            new AssertionNotIssuedInFuture(
                Duration.ofSeconds(policy.config().maxClockSkewSeconds())),
            new AssertionJtiPresent()));
  }

  /** Runs every rule in order; the first broken one throws. */
  void check(ClientAssertion assertion, RegisteredClient client, Instant now) {
    for (AssertionRule rule : rules) {
      rule.check(assertion, client, now);
    }
  }
}
