package io.pargateway.store;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
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
