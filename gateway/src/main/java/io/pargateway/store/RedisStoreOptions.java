package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@link PushedRequestStore#redis} reaches Redis.
 *
 * @param connectionString e.g. {@code redis://:password@redis:6379/0}; may hold a password, so
 *     {@link #toString()} leaves it out
 * @param keyPrefix prepended to every key, e.g. {@code par:}; must not contain <code>{</code> or
 *     <code>}</code>, which would move the Cluster hash tag
 * @param maxWaitingHandlers most commands of one event loop that may wait for a reply; beyond it a
 *     command fails at once instead of queueing
 * @param commandTimeout a command not answered by then fails with {@link StoreUnavailableException}
 */
public record RedisStoreOptions(
    String connectionString, String keyPrefix, int maxWaitingHandlers, Duration commandTimeout) {

  public RedisStoreOptions {
    requireNonNull(connectionString, "connectionString");
    requireNonNull(keyPrefix, "keyPrefix");
    requireNonNull(commandTimeout, "commandTimeout");
    if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("keyPrefix must not contain '{' or '}'");
    }
    if (maxWaitingHandlers < 1) {
      throw new IllegalArgumentException("maxWaitingHandlers must be at least 1");
    }
    if (commandTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("commandTimeout must be at least 1 ms");
    }
  }

  @Override
  public String toString() {
    return "RedisStoreOptions[keyPrefix="
        + keyPrefix
        + ", maxWaitingHandlers="
        + maxWaitingHandlers
        + ", commandTimeout="
        + commandTimeout
        + "]";
  }
}
