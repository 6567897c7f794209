package io.pargateway.store;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Where pushed requests live between the push and the authorization request.
 *
 * <p>Contract, for every implementation:
 *
 * <ul>
 *   <li>{@link #put} succeeds only once the request is stored; it fails with {@link
 *       StoreUnavailableException} when the store cannot confirm the write, and with {@link
 *       IllegalStateException} when the request_uri is already taken (the write is then not done).
 *       A request is held per client and request_uri: the same reference pushed by two clients
 *       would name two requests, each redeemable only by its own client (with 256 random bits in
 *       every reference this does not happen).
 *   <li>{@link #redeem} returns the request at most once over all callers and all replicas (one
 *       atomic operation, never read-then-delete), and only to the client that pushed it. For an
 *       unknown, expired, used or foreign request_uri it returns {@code null}, alike in every case,
 *       and a redemption by another client does not consume the request.
 *   <li>An entry is gone once its time to live has passed.
 *   <li>Every failure to reach the store is a {@link StoreUnavailableException}.
 * </ul>
 */
public interface PushedRequestStore {

  /**
   * A store inside this process, for a single replica and for tests. One instance is meant to be
   * shared by every event loop of the process; it holds at most {@code maxEntries} requests and,
   * when full, evicts others to make room.
   */
  static PushedRequestStore inMemory(long maxEntries) {
    return new InMemoryPushedRequestStore(maxEntries);
  }

  /**
   * A store on Redis (or Valkey) 6.2 or later, shared by all replicas. It creates its own Redis
   * client on {@code vertx}, which the verticles of that instance may share; {@link #close} it on
   * shutdown.
   */
  static PushedRequestStore redis(Vertx vertx, RedisStoreOptions options) {
    return RedisPushedRequestStore.create(vertx, options);
  }

  /**
   * Stores {@code request} under {@code uri} for {@code ttl}; completes after the store confirmed.
   */
  Future<Void> put(RequestUri uri, PushedRequest request, Duration ttl);

  /**
   * Takes the request stored under {@code uri} for {@code clientId}, or {@code null} when there is
   * none for that client.
   */
  Future<PushedRequest> redeem(RequestUri uri, ClientId clientId);

  /** Succeeds when the store answers; used by the readiness probe. */
  Future<Void> ping();

  /** Releases connections. */
  Future<Void> close();
}
