package io.pargateway.config;

import java.util.List;

/**
 * How clients authenticate with JWT assertions and certificates, for every client.
 *
 * @param assertion the checks on {@code client_secret_jwt} and {@code private_key_jwt} assertions
 * @param jwks fetching client keys from {@code jwks_uri}
 * @param mtls the mutual-TLS methods, {@code tls_client_auth} and {@code
 *     self_signed_tls_client_auth}
 */
public record ClientAuthenticationConfig(
    AssertionConfig assertion, JwksConfig jwks, MtlsConfig mtls) {

  /**
   * Client assertions (<a href="https://datatracker.ietf.org/doc/html/rfc7523#section-3">RFC 7523
   * §3</a>, <a href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">
   * OIDC Core §9</a>).
   *
   * @param audience which {@code aud} values are accepted
   * @param tokenEndpoint the public URL of the token endpoint, accepted as {@code aud} in {@link
   *     AudienceMode#DEFAULT}; {@code null} when it is not accepted
   * @param maxLifetimeSeconds longest accepted {@code exp} minus {@code iat} (or minus now, without
   *     {@code iat}); 1 to 3600
   * @param maxClockSkewSeconds how far in the future {@code iat} and {@code nbf} may be; 0 to 60
   * @param maxBytes longest accepted {@code client_assertion}; 512 to 65536
   * @param algorithms the JWS algorithms accepted, by their JWA names; never {@code none}
   */
  public record AssertionConfig(
      AudienceMode audience,
      String tokenEndpoint,
      int maxLifetimeSeconds,
      int maxClockSkewSeconds,
      int maxBytes,
      List<String> algorithms) {

    public AssertionConfig {
      algorithms = List.copyOf(algorithms);
    }
  }

  /** Which {@code aud} values of a client assertion are accepted; always as a whole value. */
  public enum AudienceMode {
    /**
     * The issuer, the token endpoint URL or the PAR endpoint URL (<a
     * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.1">RFC 9126 §2.1</a>).
     */
    DEFAULT,
    /**
     * The issuer only, as a JSON string and not in an array (<a
     * href="https://openid.net/specs/fapi-security-profile-2_0-final.html">FAPI 2.0</a>
     * §5.3.2.1-8).
     */
    ISSUER_ONLY
  }

  /**
   * Client keys fetched from {@code jwks_uri}.
   *
   * @param cacheSeconds how long a fetched JWK Set is used; 1 to 86400
   * @param refreshMinIntervalSeconds an unknown {@code kid} refetches the set at most once per
   *     client in this interval; 0 to 3600
   * @param fetchTimeoutMs a fetch not answered by then fails; at least 1
   * @param maxBytes largest accepted JWK Set document; 1024 to 1048576
   */
  public record JwksConfig(
      int cacheSeconds, int refreshMinIntervalSeconds, int fetchTimeoutMs, int maxBytes) {}

  /**
   * Mutual-TLS client authentication (<a href="https://datatracker.ietf.org/doc/html/rfc8705">RFC
   * 8705</a>).
   *
   * @param trustAnchorsPath PEM file of the CA certificates that {@code tls_client_auth}
   *     certificate chains are validated against (RFC 8705 §2.1); {@code null} when no client uses
   *     that method
   * @param forwardedCertificate the client certificate as forwarded by a TLS-terminating proxy
   */
  public record MtlsConfig(
      String trustAnchorsPath, ForwardedCertificateConfig forwardedCertificate) {}

  /**
   * The client certificate in a request header set by a TLS-terminating proxy (<a
   * href="https://datatracker.ietf.org/doc/html/rfc8705#section-6.5">RFC 8705 §6.5</a>).
   *
   * @param header the header the proxy sets, e.g. {@code ssl-client-cert}; {@code null} when no
   *     forwarded certificate is accepted
   * @param format how the header encodes the certificate
   * @param trustedProxies IP addresses and CIDR ranges of the proxies whose header is believed; see
   *     {@link #trustedProxyRanges()}
   */
  public record ForwardedCertificateConfig(
      String header, Format format, List<String> trustedProxies) {

    public ForwardedCertificateConfig {
      trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * {@link #trustedProxies} parsed.
     *
     * @throws IllegalArgumentException for a value a validated configuration does not hold
     */
    public List<IpRange> trustedProxyRanges() {
      return trustedProxies.stream().map(IpRange::parse).toList();
    }

    /** Header encodings of a forwarded client certificate. */
    public enum Format {
      /**
       * The URL-encoded PEM certificate, as NGINX's {@code $ssl_client_escaped_cert} (the NGINX
       * ingress controller's {@code ssl-client-cert}).
       */
      NGINX,
      /** Envoy's {@code x-forwarded-client-cert}, whose {@code Cert} element is used. */
      ENVOY
    }
  }
}
