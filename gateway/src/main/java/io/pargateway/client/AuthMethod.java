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
  /** A public client: no authentication, identified by {@code client_id} only. */
  NONE;

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
