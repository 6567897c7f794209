package io.pargateway.oauth;

/** The base64url alphabet (RFC 4648 §5), as protocol values use it: no padding. */
public final class Base64Url {

  private Base64Url() {}

  /** Whether {@code value} is {@code length} characters of the base64url alphabet. */
  public static boolean isBase64Url(String value, int length) {
    if (value == null || value.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
