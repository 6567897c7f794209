package io.pargateway.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A client's shared secret. Compared in constant time; never printed.
 *
 * <p>Both sides are hashed with SHA-256 before the comparison, so that the time taken depends on
 * neither the content nor the length of the registered secret.
 */
public final class ClientSecret {

  private final byte[] digest;

  private ClientSecret(byte[] digest) {
    this.digest = digest;
  }

  public static ClientSecret of(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("client secret is empty");
    }
    return new ClientSecret(sha256(secret));
  }

  /** Whether {@code presented} is this secret, in time independent of both values. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ClientSecret[redacted]";
  }
}
