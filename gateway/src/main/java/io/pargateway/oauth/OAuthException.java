package io.pargateway.oauth;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the gateway refuses, as an OAuth error value.
 *
 * <p>The {@code description} goes to the client; the {@code detail} goes only to the log. Neither
 * may contain a secret, an assertion or a request object. Exactly one failure handler turns this
 * into HTTP.
 */
public final class OAuthException extends RuntimeException {

  private final ErrorCode code;
  private final int status;
  private final String description;
  private final Map<String, String> headers;

  private OAuthException(
      ErrorCode code, int status, String description, String detail, Map<String, String> headers) {
    super(detail == null ? description : detail, null, false, false);
    this.code = requireNonNull(code, "code");
    this.status = status;
    this.description = requireNonNull(description, "description");
    this.headers = Map.copyOf(headers);
  }

  public static OAuthException of(ErrorCode code, String description) {
    return new OAuthException(code, code.status(), description, null, Map.of());
  }

  public static OAuthException invalidRequest(String description) {
    return of(ErrorCode.INVALID_REQUEST, description);
  }

  /**
   * {@code invalid_client}, 401. {@code challenge} is the {@code WWW-Authenticate} value, given
   * when the client tried the Authorization header (RFC 6749 §5.2 requires it then).
   */
  public static OAuthException invalidClient(String description, String challenge) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (challenge != null) {
      headers.put("WWW-Authenticate", challenge);
    }
    return new OAuthException(ErrorCode.INVALID_CLIENT, 401, description, null, headers);
  }

  /** 405 with {@code Allow} (RFC 9110 §15.5.6). */
  public static OAuthException methodNotAllowed(String allow) {
    return new OAuthException(
        ErrorCode.INVALID_REQUEST,
        405,
        "method not allowed",
        null,
        Map.of("Allow", requireNonNull(allow, "allow")));
  }

  /** 413, RFC 9126 §2.3. */
  public static OAuthException payloadTooLarge(String description) {
    return new OAuthException(ErrorCode.INVALID_REQUEST, 413, description, null, Map.of());
  }

  /** 415: the PAR endpoint takes only {@code application/x-www-form-urlencoded} (RFC 9126 §2.1). */
  public static OAuthException unsupportedMediaType(String description) {
    return new OAuthException(ErrorCode.INVALID_REQUEST, 415, description, null, Map.of());
  }

  /** 503 with {@code Retry-After}: a dependency (the store, the upstream) cannot be reached. */
  public static OAuthException temporarilyUnavailable(String description, int retryAfterSeconds) {
    return new OAuthException(
        ErrorCode.TEMPORARILY_UNAVAILABLE,
        503,
        description,
        null,
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /** A generic {@code server_error}: the client learns nothing of the cause. */
  public static OAuthException serverError() {
    return of(ErrorCode.SERVER_ERROR, "the server could not complete the request");
  }

  /** The same error with a log-only detail attached. */
  public OAuthException withDetail(String detail) {
    return new OAuthException(code, status, description, detail, headers);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** Safe to show the client. */
  public String description() {
    return description;
  }

  /** For the log only. */
  public String detail() {
    return getMessage();
  }

  /** Extra response headers this error demands ({@code WWW-Authenticate}, {@code Allow}, ...). */
  public Map<String, String> headers() {
    return headers;
  }
}
