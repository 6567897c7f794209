package io.pargateway.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A client's shared secret. Compared in constant time; never printed.
 *
 * <p>Both sides are hashed with SHA-256 before the comparison, so that the time taken depends on
 * neither the content nor the length of the registered secret. Only the digest is kept, unless the
 * secret is also an HMAC key ({@code client_secret_jwt}, see {@link #withHmacKey}).
 */
public final class ClientSecret {

  private final byte[] digest;

  /** The secret's UTF-8 octets, kept only when they are an HMAC key; else {@code null}. */
  private final byte[] hmacKey;

  private ClientSecret(byte[] digest, byte[] hmacKey) {
    this.digest = digest;
    this.hmacKey = hmacKey;
  }

  /** A secret that is only ever compared ({@code client_secret_basic}, {@code _post}). */
  public static ClientSecret of(String secret) {
    requireNonEmpty(secret);
    return new ClientSecret(sha256(secret), null);
  }

  /**
   * A secret that is also the HMAC key of the client's {@code client_secret_jwt} assertions: its
   * UTF-8 octets (<a
   * href="https://openid.net/specs/openid-connect-core-1_0.html#SymmetricKeyEncryption">OIDC Core
   * §10.1</a>).
   */
  public static ClientSecret withHmacKey(String secret) {
    requireNonEmpty(secret);
    return new ClientSecret(sha256(secret), secret.getBytes(StandardCharsets.UTF_8));
  }

  private static void requireNonEmpty(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("client secret is empty");
    }
  }

  /** Whether {@code presented} is this secret, in time independent of both values. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  /** Whether {@link #hmacKey()} is available. */
  public boolean hasHmacKey() {
    return hmacKey != null;
  }

  /**
   * A copy of the HMAC key, to verify a {@code client_secret_jwt} assertion with; the caller may
   * wipe it after use.
   *
   * @throws IllegalStateException when this secret was not made {@link #withHmacKey}
   */
  public byte[] hmacKey() {
    if (hmacKey == null) {
      throw new IllegalStateException("this client secret is not kept as an HMAC key");
    }
    return hmacKey.clone();
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
