package io.pargateway.config;

/**
 * Where pushed requests are kept.
 *
 * @param type {@code memory} (one process only) or {@code redis}
 * @param keyPrefix namespace of every key the gateway writes
 * @param redis settings for {@code redis}
 * @param memory settings for {@code memory}
 */
public record StoreConfig(Type type, String keyPrefix, RedisConfig redis, MemoryConfig memory) {

  /** Store kinds. */
  public enum Type {
    MEMORY,
    REDIS
  }

  /**
   * A Redis (or Valkey) server.
   *
   * @param connectionString e.g. {@code redis://:password@redis:6379/0}
   * @param maxWaitingHandlers commands per event loop that may wait for a reply; more fail fast
   * @param commandTimeoutMs a command not answered by then fails, and the request gets 503
   */
  public record RedisConfig(
      String connectionString, int maxWaitingHandlers, long commandTimeoutMs) {}

  /**
   * The in-process store.
   *
   * @param maxEntries most pushed requests kept at once
   */
  public record MemoryConfig(long maxEntries) {}
}
