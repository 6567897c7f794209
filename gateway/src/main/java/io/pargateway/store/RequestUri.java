package io.pargateway.store;

import io.pargateway.oauth.Base64Url;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A {@code request_uri} issued by the PAR endpoint: {@code urn:ietf:params:oauth:request_uri:}
 * followed by an opaque reference of 256 bits from a CSPRNG, base64url without padding.
 *
 * <p>RFC 9126 §2.2 and §7.1 (and RFC 6749 §10.10) require a cryptographically strong random part.
 * Nothing else is encoded in it: its expiry and owner live in the store.
 */
public record RequestUri(String reference) {

  public static final String PREFIX = "urn:ietf:params:oauth:request_uri:";
  private static final int RANDOM_BYTES = 32;
  private static final int REFERENCE_LENGTH = 43; // base64url of 32 bytes, no padding
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  public RequestUri {
    if (!Base64Url.isBase64Url(reference, REFERENCE_LENGTH)) {
      throw new IllegalArgumentException("request_uri reference is not 43 base64url characters");
    }
  }

  /** A fresh value from {@code random}, which must be a CSPRNG. */
  public static RequestUri generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new RequestUri(ENCODER.encodeToString(bytes));
  }

  /**
   * Parses a {@code request_uri} parameter value.
   *
   * @throws IllegalArgumentException when it is not one this gateway could have issued
   */
  public static RequestUri parse(String value) {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("request_uri is not a " + PREFIX + " value");
    }
    return new RequestUri(value.substring(PREFIX.length()));
  }

  /** The full URN, as given to the client. */
  public String value() {
    return PREFIX + reference;
  }

  @Override
  public String toString() {
    return value();
  }
}
