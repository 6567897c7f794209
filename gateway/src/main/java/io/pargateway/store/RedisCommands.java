package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends commands through the verticle's {@link RedisPipeline} and turns every failure into a {@link
 * StoreUnavailableException}, with a message that names the command and nothing else.
 */
final class RedisCommands {

  private final RedisPipeline pipeline;
  private final long timeoutMillis;

  RedisCommands(RedisPipeline pipeline, Duration timeout) {
    this.pipeline = requireNonNull(pipeline, "pipeline");
    this.timeoutMillis = requireNonNull(timeout, "timeout").toMillis();
  }

  /** Sends {@code request}; any failure, a timeout included, is a store outage. */
  Future<Response> send(Request request, String command) {
    return unavailableOnFailure(pipeline.send(request), command);
  }

  /** As {@link #send}, in a write of its own ({@link RedisPipeline#sendAlone}). */
  Future<Response> sendAlone(Request request, String command) {
    return unavailableOnFailure(pipeline.sendAlone(request), command);
  }

  private Future<Response> unavailableOnFailure(Future<Response> reply, String command) {
    return reply.recover(cause -> Future.failedFuture(unavailable(command, cause)));
  }

  Future<Void> close() {
    return pipeline.close();
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
