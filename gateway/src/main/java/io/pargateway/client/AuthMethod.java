package io.pargateway.client;

import java.util.Locale;

/**
 * Client authentication methods, by their registered names (IANA "OAuth Token Endpoint
 * Authentication Methods"). RFC 9126 §2.1: the PAR endpoint authenticates clients as the token
 * endpoint does.
 */
public enum AuthMethod {
  /** RFC 6749 §2.3.1, HTTP Basic. */
  CLIENT_SECRET_BASIC,
  /** RFC 6749 §2.3.1, credentials in the form body. */
  CLIENT_SECRET_POST,
  /**
   * A JWT assertion MACed with the client secret (<a
   * href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">OIDC Core
   * §9</a>, RFC 7523 §2.2).
   */
  CLIENT_SECRET_JWT,
  /**
   * A JWT assertion signed with a private key of the client's registered JWK Set (OIDC Core §9, <a
   * href="https://datatracker.ietf.org/doc/html/rfc7523#section-2.2">RFC 7523 §2.2</a>).
   */
  PRIVATE_KEY_JWT,
  /**
   * A TLS client certificate chained to a trusted CA, with the registered subject (<a
   * href="https://datatracker.ietf.org/doc/html/rfc8705#section-2.1">RFC 8705 §2.1</a>).
   */
  TLS_CLIENT_AUTH,
  /**
   * A TLS client certificate matching one of the client's registered keys, without a chain (<a
   * href="https://datatracker.ietf.org/doc/html/rfc8705#section-2.2">RFC 8705 §2.2</a>).
   */
  SELF_SIGNED_TLS_CLIENT_AUTH,
  /** A public client: no authentication, identified by {@code client_id} only. */
  NONE;

  /** Whether the client authenticates with its TLS client certificate (RFC 8705 §2). */
  public boolean usesCertificate() {
    return this == TLS_CLIENT_AUTH || this == SELF_SIGNED_TLS_CLIENT_AUTH;
  }

  /** The registered name, e.g. {@code client_secret_basic}. */
  public String metadataName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The method registered under {@code name}.
   *
   * @throws IllegalArgumentException for an unknown or unsupported name
   */
  public static AuthMethod fromMetadataName(String name) {
    for (AuthMethod method : values()) {
      if (method.metadataName().equals(name)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unsupported token_endpoint_auth_method");
  }
}
