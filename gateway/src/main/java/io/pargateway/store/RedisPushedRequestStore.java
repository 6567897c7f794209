package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;

/**
 * Pushed requests in Redis (6.2 or later, or Valkey), shared by every replica.
 *
 * <p>Key: {@code <prefix>ru:{<reference>}:<client_id>}. The client id is part of the key, so a
 * redemption by another client names a different key and neither finds nor consumes the request.
 * The reference is the Cluster hash tag, keeping everything about one request_uri on one slot.
 * Value: {@link PushedRequestCodec}. Writes use {@code SET NX PX} (no overwrite, expiry set in the
 * same command); redemption is one {@code GETDEL}, so of several replicas racing at most one wins.
 *
 * <p>Commands are pipelined ({@link RedisPipeline}) and bounded by the command timeout; a command
 * that fails, times out or finds too many others waiting ends in {@link StoreUnavailableException}
 * ({@link RedisCommands}).
 */
final class RedisPushedRequestStore implements PushedRequestStore {

  private final RedisCommands commands;
  private final String keyPrefix;
  private final boolean ownsClient;

  RedisPushedRequestStore(
      RedisPipeline pipeline, String keyPrefix, Duration commandTimeout, boolean ownsClient) {
    this.commands = new RedisCommands(pipeline, commandTimeout);
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
    this.ownsClient = ownsClient;
  }

  /** A store on its own connection. */
  static RedisPushedRequestStore create(Vertx vertx, RedisStoreOptions options) {
    return new RedisPushedRequestStore(
        RedisPipeline.create(vertx, options), options.keyPrefix(), options.commandTimeout(), true);
  }

  /** A store on a pipeline that something else owns and closes. */
  static RedisPushedRequestStore onSharedPipeline(
      RedisPipeline pipeline, RedisStoreOptions options) {
    return new RedisPushedRequestStore(
        pipeline, options.keyPrefix(), options.commandTimeout(), false);
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
    return commands
        .send(set, "SET")
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
    return commands
        // Alone: a GETDEL that ran must never be reported as failed because a neighbour failed.
        .sendAlone(Request.cmd(Command.GETDEL).arg(key(uri, clientId)), "GETDEL")
        .compose(
            reply -> {
              if (reply == null) {
                return Future.succeededFuture(null);
              }
              PushedRequest request;
              try {
                request = PushedRequestCodec.decode(reply.toBytes());
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
    return commands.send(Request.cmd(Command.PING), "PING").mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return ownsClient ? commands.close() : Future.succeededFuture();
  }

  private String key(RequestUri uri, ClientId clientId) {
    return keyPrefix + "ru:{" + uri.reference() + "}:" + clientId.value();
  }
}
