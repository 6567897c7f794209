package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends commands within a timeout and turns every failure into a {@link StoreUnavailableException}.
 * The Redis client has no per-command timeout, so every command is bounded here.
 */
final class RedisCommands {

  private final Redis redis;
  private final long timeoutMillis;

  RedisCommands(Redis redis, Duration timeout) {
    this.redis = requireNonNull(redis, "redis");
    this.timeoutMillis = requireNonNull(timeout, "timeout").toMillis();
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("commandTimeout must be at least 1 ms");
    }
  }

  /** Sends {@code request} within the command timeout; any failure is a store outage. */
  Future<Response> send(Request request, String command) {
    Future<Response> reply;
    try {
      reply = redis.send(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(unavailable(command, e));
    }
    return reply
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .recover(cause -> Future.failedFuture(unavailable(command, cause)));
  }

  Future<Void> close() {
    return redis.close();
  }

  // The message names the command only: the cause carries the detail, and neither the connection
  // string nor its password ever goes into a message here.
  private StoreUnavailableException unavailable(String command, Throwable cause) {
    String message =
        cause instanceof TimeoutException
            ? "Redis did not answer " + command + " within " + timeoutMillis + " ms"
            : "Redis failed " + command;
    return new StoreUnavailableException(message, cause);
  }
}
