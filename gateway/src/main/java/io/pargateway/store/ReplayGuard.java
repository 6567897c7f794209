package io.pargateway.store;

import io.pargateway.client.ClientId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;

/**
 * Remembers the {@code jti} of every client assertion accepted, so that each is used once (<a
 * href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">OIDC Core
 * §9</a>: "The JWT MUST NOT be reused"), across every replica that shares the backend.
 *
 * <p>Contract, for every implementation:
 *
 * <ul>
 *   <li>{@link #firstUse} records the value and completes with {@code true} for exactly one caller
 *       per client and {@code jti}, over all callers and replicas (one atomic operation, never
 *       read-then-write); every other caller gets {@code false} until the value is forgotten.
 *   <li>Values are per client: the same {@code jti} from two clients are two values.
 *   <li>A value is remembered at least until {@code expiresAt} (at least one second), then
 *       forgotten.
 *   <li>Every failure to record, including a full in-memory set, is a {@link
 *       StoreUnavailableException}: an assertion whose use cannot be recorded is not accepted.
 *   <li>A {@code jti} longer than {@link #MAX_JTI_LENGTH} characters, or empty, is refused with
 *       {@link IllegalArgumentException} before the backend is asked.
 * </ul>
 */
public interface ReplayGuard {

  /** Longest {@code jti} recorded; it bounds the size of every entry. */
  int MAX_JTI_LENGTH = 256;

  /** Shortest time a value is remembered, whatever its expiry. */
  long MIN_TTL_MILLIS = 1_000;

  /**
   * A guard inside this process, for a single replica and for tests; one instance is meant to be
   * shared by every event loop. It holds at most {@code maxEntries} values and, when full, refuses
   * new ones ({@link StoreUnavailableException}) rather than forget one that has not expired.
   */
  static ReplayGuard inMemory(long maxEntries) {
    return new InMemoryReplayGuard(maxEntries);
  }

  /**
   * A guard on Redis (or Valkey), shared by all replicas, on its own client; {@link #close} it on
   * shutdown.
   */
  static ReplayGuard redis(Vertx vertx, RedisStoreOptions options) {
    return new RedisReplayGuard(
        RedisPipeline.create(vertx, options), options.keyPrefix(), options.commandTimeout(), true);
  }

  /**
   * Records {@code jti} of {@code client} until {@code expiresAt}; completes with {@code true} when
   * it was not recorded before.
   */
  Future<Boolean> firstUse(ClientId client, String jti, Instant expiresAt);

  /** Releases connections (of a client this guard owns). */
  Future<Void> close();
}
