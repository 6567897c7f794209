package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pushed requests in Redis (6.2 or later, or Valkey), shared by every replica.
 *
 * <p>Key: {@code <prefix>ru:{<reference>}:<client_id>}. The client id is part of the key, so a
 * redemption by another client names a different key and neither finds nor consumes the request.
 * The reference is the Cluster hash tag, keeping everything about one request_uri on one slot.
 * Value: {@link PushedRequestCodec}. Writes use {@code SET NX PX} (no overwrite, expiry set in the
 * same command); redemption is one {@code GETDEL}, so of several replicas racing at most one wins.
 *
 * <p>The Redis client has no per-command timeout, so every command is bounded here; a command that
 * fails, times out or finds no free connection ends in {@link StoreUnavailableException}.
 */
final class RedisPushedRequestStore implements PushedRequestStore {

  private final Redis redis;
  private final String keyPrefix;
  private final long commandTimeoutMillis;

  RedisPushedRequestStore(Redis redis, String keyPrefix, Duration commandTimeout) {
    this.redis = requireNonNull(redis, "redis");
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
    this.commandTimeoutMillis = requireNonNull(commandTimeout, "commandTimeout").toMillis();
    if (commandTimeoutMillis < 1) {
      throw new IllegalArgumentException("commandTimeout must be at least 1 ms");
    }
  }

  static RedisPushedRequestStore create(Vertx vertx, RedisStoreOptions options) {
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
    return new RedisPushedRequestStore(
        Redis.createClient(vertx, redisOptions), options.keyPrefix(), options.commandTimeout());
  }

  @Override
  public Future<Void> put(RequestUri uri, PushedRequest request, Duration ttl) {
    requireNonNull(uri, "uri");
    requireNonNull(request, "request");
    requireNonNull(ttl, "ttl");
    long ttlMillis = ttl.toMillis();
    if (ttlMillis < 1) {
      throw new IllegalArgumentException("ttl must be at least 1 ms");
    }
    Request set =
        Request.cmd(Command.SET)
            .arg(key(uri, request.clientId()))
            .arg(PushedRequestCodec.encode(request))
            .arg("PX")
            .arg(ttlMillis)
            .arg("NX");
    return send(set, "SET")
        .compose(
            reply -> {
              if (reply == null) { // NX: the key exists
                return Future.failedFuture(new IllegalStateException("request_uri already in use"));
              }
              if (!"OK".equals(reply.toString())) {
                return Future.failedFuture(
                    new StoreUnavailableException("Redis did not confirm the SET", null));
              }
              return Future.succeededFuture();
            });
  }

  @Override
  public Future<PushedRequest> redeem(RequestUri uri, ClientId clientId) {
    requireNonNull(uri, "uri");
    requireNonNull(clientId, "clientId");
    return send(Request.cmd(Command.GETDEL).arg(key(uri, clientId)), "GETDEL")
        .compose(
            reply -> {
              if (reply == null) {
                return Future.succeededFuture(null);
              }
              PushedRequest request;
              try {
                request = PushedRequestCodec.decode(reply.toString());
              } catch (IllegalArgumentException e) {
                return Future.failedFuture(
                    new IllegalStateException("stored pushed request is unreadable", e));
              }
              // The key already names the client; checking the value too means a key written
              // wrongly can never hand one client's request to another.
              if (!request.clientId().equals(clientId)) {
                return Future.succeededFuture(null);
              }
              return Future.succeededFuture(request);
            });
  }

  @Override
  public Future<Void> ping() {
    return send(Request.cmd(Command.PING), "PING").mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  private String key(RequestUri uri, ClientId clientId) {
    return keyPrefix + "ru:{" + uri.reference() + "}:" + clientId.value();
  }

  /** Sends {@code request} within the command timeout; any failure is a store outage. */
  private Future<Response> send(Request request, String command) {
    Future<Response> reply;
    try {
      reply = redis.send(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(unavailable(command, e));
    }
    return reply
        .timeout(commandTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(cause -> Future.failedFuture(unavailable(command, cause)));
  }

  // The message names the command only: the cause carries the detail, and neither the connection
  // string nor its password ever goes into a message here.
  private StoreUnavailableException unavailable(String command, Throwable cause) {
    String message =
        cause instanceof TimeoutException
            ? "Redis did not answer " + command + " within " + commandTimeoutMillis + " ms"
            : "Redis failed " + command;
    return new StoreUnavailableException(message, cause);
  }
}
