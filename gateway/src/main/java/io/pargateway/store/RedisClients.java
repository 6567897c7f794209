package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Redis clients as the stores want them: pooled, bounded, with a connect timeout. */
final class RedisClients {

  private RedisClients() {}

  /** A client on {@code vertx} that the stores of one verticle may share. */
  static Redis create(Vertx vertx, RedisStoreOptions options) {
    requireNonNull(vertx, "vertx");
    requireNonNull(options, "options");
    RedisOptions redisOptions =
        new RedisOptions()
            .setConnectionString(options.connectionString())
            .setMaxPoolSize(options.maxPoolSize())
            .setMaxPoolWaiting(options.maxWaitingHandlers())
            .setMaxWaitingHandlers(options.maxWaitingHandlers());
    // Connecting counts against the same bound as the command it serves.
    redisOptions
        .getNetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.commandTimeout().toMillis()));
    return Redis.createClient(vertx, redisOptions);
  }
}
