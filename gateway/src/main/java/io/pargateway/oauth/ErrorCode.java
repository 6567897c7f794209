package io.pargateway.oauth;

/**
 * OAuth error codes the gateway answers with, each with the HTTP status it carries by default.
 *
 * <p>Codes and statuses follow <a
 * href="https://datatracker.ietf.org/doc/html/rfc6749#section-5.2">RFC 6749 §5.2</a>, <a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2.3">RFC 9126 §2.3</a> and <a
 * href="https://openid.net/specs/openid-connect-core-1_0.html#AuthError">OIDC Core §3.1.2.6</a>.
 */
public enum ErrorCode {
  INVALID_REQUEST("invalid_request", 400),
  INVALID_CLIENT("invalid_client", 401),
  UNAUTHORIZED_CLIENT("unauthorized_client", 400),
  UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
  INVALID_SCOPE("invalid_scope", 400),
  INVALID_REQUEST_URI("invalid_request_uri", 400),
  INVALID_REQUEST_OBJECT("invalid_request_object", 400),
  ACCESS_DENIED("access_denied", 403),
  SERVER_ERROR("server_error", 500),
  TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

  private final String code;
  private final int status;

  ErrorCode(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The value of the {@code error} member. */
  public String code() {
    return code;
  }

  /** The HTTP status this error is answered with unless an endpoint rule says otherwise. */
  public int status() {
    return status;
  }
}
