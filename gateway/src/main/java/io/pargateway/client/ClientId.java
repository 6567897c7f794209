package io.pargateway.client;

import java.util.Optional;

/**
 * A client identifier (RFC 6749 §2.2): a non-empty string of visible ASCII characters and spaces,
 * bounded in length.
 */
public record ClientId(String value) {

  /** Longer client ids are refused before any lookup. */
  public static final int MAX_LENGTH = 255;

  public ClientId {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("client_id is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("client_id is longer than " + MAX_LENGTH);
    }
    // RFC 6749 Appendix A.1: client-id = *VSCHAR (%x20-7E)
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("client_id has a character outside %x20-7E");
      }
    }
  }

  /** The client id {@code value} names, or empty when it is absent or malformed. */
  public static Optional<ClientId> tryParse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ClientId(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
