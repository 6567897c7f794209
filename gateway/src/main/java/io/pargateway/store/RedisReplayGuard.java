package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Assertion {@code jti} values in Redis (or Valkey), shared by every replica.
 *
 * <p>Key: {@code <prefix>jti:{<client_id>}:<jti>}, the client id form-urlencoded so that it holds
 * no <code>}</code> and no two pairs of client and jti can name one key; the client is the Cluster
 * hash tag. Recording is one {@code SET <key> 1 PX <ttl> NX}: of several replicas racing, exactly
 * one sets the key. The time to live is counted from this gateway's clock, which also decided that
 * the assertion has not expired, so that clock offsets between the gateway and Redis do not matter.
 */
final class RedisReplayGuard implements ReplayGuard {

  private final RedisCommands commands;
  private final String keyPrefix;
  private final boolean ownsClient;
  private final Clock clock;

  RedisReplayGuard(
      RedisPipeline pipeline, String keyPrefix, Duration commandTimeout, boolean ownsClient) {
    this(pipeline, keyPrefix, commandTimeout, ownsClient, Clock.systemUTC());
  }

  RedisReplayGuard(
      RedisPipeline pipeline,
      String keyPrefix,
      Duration commandTimeout,
      boolean ownsClient,
      Clock clock) {
    this.commands = new RedisCommands(pipeline, commandTimeout);
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
    this.ownsClient = ownsClient;
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Future<Boolean> firstUse(ClientId client, String jti, Instant expiresAt) {
    requireNonNull(client, "client");
    ReplayGuards.requireValidJti(jti);
    requireNonNull(expiresAt, "expiresAt");
    long ttlMillis = ReplayGuards.ttl(clock.instant(), expiresAt).toMillis();
    Request set =
        Request.cmd(Command.SET).arg(key(client, jti)).arg("1").arg("PX").arg(ttlMillis).arg("NX");
    return commands
        .send(set, "SET")
        .compose(
            reply -> {
              if (reply == null) { // NX: recorded before
                return Future.succeededFuture(false);
              }
              if (!"OK".equals(reply.toString())) {
                return Future.failedFuture(
                    new StoreUnavailableException("Redis did not confirm the SET", null));
              }
              return Future.succeededFuture(true);
            });
  }

  @Override
  public Future<Void> close() {
    return ownsClient ? commands.close() : Future.succeededFuture();
  }

  String key(ClientId client, String jti) {
    return keyPrefix
        + "jti:{"
        + URLEncoder.encode(client.value(), StandardCharsets.UTF_8)
        + "}:"
        + jti;
  }
}
