package io.pargateway.store;

import java.time.Duration;
import java.time.Instant;

/** What every {@link ReplayGuard} checks and computes alike. */
final class ReplayGuards {

  private ReplayGuards() {}

  /**
   * @throws IllegalArgumentException for an empty or too long {@code jti}
   */
  static void requireValidJti(String jti) {
    if (jti == null || jti.isEmpty()) {
      throw new IllegalArgumentException("jti is empty");
    }
    if (jti.length() > ReplayGuard.MAX_JTI_LENGTH) {
      throw new IllegalArgumentException(
          "jti is longer than " + ReplayGuard.MAX_JTI_LENGTH + " characters");
    }
  }

  /** How long a value that expires at {@code expiresAt} is kept from {@code now}: at least 1 s. */
  static Duration ttl(Instant now, Instant expiresAt) {
    Duration remaining = Duration.between(now, expiresAt);
    Duration minimum = Duration.ofMillis(ReplayGuard.MIN_TTL_MILLIS);
    return remaining.compareTo(minimum) < 0 ? minimum : remaining;
  }
}
