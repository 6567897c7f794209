package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.config.ClientAuthenticationConfig.AssertionConfig;
import java.time.Clock;

/**
 * What client assertions are checked against.
 *
 * @param config the limits and algorithms of {@code client_authentication.assertion}
 * @param audiences the accepted {@code aud} values
 * @param clock the time the rules compare {@code exp}, {@code iat} and {@code nbf} with
 */
public record AssertionPolicy(AssertionConfig config, AssertionAudiences audiences, Clock clock) {

  public AssertionPolicy {
    requireNonNull(config, "config");
    requireNonNull(audiences, "audiences");
    requireNonNull(clock, "clock");
  }

  /**
   * The policy of {@code config} for the gateway of {@code issuer}, whose PAR endpoint is at {@code
   * parEndpoint} (the URL the discovery document publishes), on the system clock.
   */
  public static AssertionPolicy of(AssertionConfig config, String issuer, String parEndpoint) {
    return new AssertionPolicy(
        config,
        AssertionAudiences.of(config.audience(), issuer, config.tokenEndpoint(), parEndpoint),
        Clock.systemUTC());
  }
}
