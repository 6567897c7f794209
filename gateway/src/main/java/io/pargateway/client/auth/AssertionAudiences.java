package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.config.ClientAuthenticationConfig.AudienceMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code aud} values a client assertion may carry (product decision 2), compared exactly: no
 * trailing-slash, case or default-port variant of a value is the value.
 *
 * <ul>
 *   <li>{@link AudienceMode#DEFAULT}: the issuer, the token endpoint URL (when configured) or the
 *       PAR endpoint URL (<a href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.1">RFC
 *       9126 §2.1</a>), "each as the whole aud value". Read here as: {@code aud} is one of them as
 *       a JSON string, or a JSON array of exactly one element that is one of them (RFC 7519 §4.1.3
 *       lets a single audience be written either way). An array of two or more is refused even if
 *       one element is accepted: the assertion then names another audience too, and could be
 *       replayed there (the 2025 audience-injection finding that draft-ietf-oauth-rfc7523bis
 *       answers).
 *   <li>{@link AudienceMode#ISSUER_ONLY}: the issuer, as a JSON string only; an array, even of the
 *       issuer alone, is refused (<a
 *       href="https://openid.net/specs/fapi-security-profile-2_0-final.html">FAPI 2.0</a>
 *       §5.3.2.1-8).
 * </ul>
 */
public final class AssertionAudiences {

  private final AudienceMode mode;
  private final Set<String> accepted;

  private AssertionAudiences(AudienceMode mode, Set<String> accepted) {
    this.mode = mode;
    this.accepted = Set.copyOf(accepted);
  }

  /**
   * The audiences of {@code mode}.
   *
   * @param issuer the issuer identifier, always accepted
   * @param tokenEndpoint the token endpoint URL, or {@code null} when it is not accepted; ignored
   *     under {@link AudienceMode#ISSUER_ONLY}
   * @param parEndpoint the PAR endpoint URL as published in the discovery document; ignored under
   *     {@link AudienceMode#ISSUER_ONLY}
   */
  public static AssertionAudiences of(
      AudienceMode mode, String issuer, String tokenEndpoint, String parEndpoint) {
    requireNonNull(mode, "mode");
    requireNonNull(issuer, "issuer");
    requireNonNull(parEndpoint, "parEndpoint");
    Set<String> accepted = new LinkedHashSet<>();
    accepted.add(issuer);
    if (mode == AudienceMode.DEFAULT) {
      if (tokenEndpoint != null && !tokenEndpoint.isEmpty()) {
        accepted.add(tokenEndpoint);
      }
      accepted.add(parEndpoint);
    }
    return new AssertionAudiences(mode, accepted);
  }

  /** The accepted values. */
  public Set<String> values() {
    return accepted;
  }

  /**
   * Whether {@code aud}, as written in the claims (a {@code String}, a {@code List} or {@code
   * null}), is accepted.
   */
  public boolean accepts(Object aud) {
    if (aud instanceof String value) {
      return accepted.contains(value);
    }
    if (mode == AudienceMode.DEFAULT && aud instanceof List<?> values && values.size() == 1) {
      return values.get(0) instanceof String value && accepted.contains(value);
    }
    return false;
  }

  /** Why {@code aud} is refused, for the log; never quotes it. */
  String describeRefusal(Object aud) {
    if (aud == null) {
      return "aud missing";
    }
    if (aud instanceof List<?> values) {
      if (mode == AudienceMode.ISSUER_ONLY) {
        return "aud is an array; issuer_only wants the issuer as a string";
      }
      if (values.size() != 1) {
        return "aud is an array of " + values.size() + " values; one is accepted";
      }
    }
    return "aud is not " + String.join(" or ", accepted);
  }
}
