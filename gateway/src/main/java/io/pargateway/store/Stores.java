package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The stores a verticle works with, on one backend: the pushed requests and the replay set of
 * assertion {@code jti} values. On Redis both share one pipelined connection; in memory one
 * instance of each serves the whole process.
 */
public final class Stores {

  private final PushedRequestStore requests;
  private final ReplayGuard replays;
  private final Supplier<Future<Void>> closer;

  private Stores(PushedRequestStore requests, ReplayGuard replays, Supplier<Future<Void>> closer) {
    this.requests = requireNonNull(requests, "requests");
    this.replays = requireNonNull(replays, "replays");
    this.closer = closer;
  }

  /**
   * Stores in this process, to be shared by every event loop; each holds at most {@code
   * maxEntries}.
   */
  public static Stores inMemory(long maxEntries) {
    PushedRequestStore requests = PushedRequestStore.inMemory(maxEntries);
    ReplayGuard replays = ReplayGuard.inMemory(maxEntries);
    return new Stores(
        requests, replays, () -> Future.join(requests.close(), replays.close()).mapEmpty());
  }

  /** Stores on Redis, on one new client for {@code vertx}; {@link #close} closes it. */
  public static Stores redis(Vertx vertx, RedisStoreOptions options) {
    RedisPipeline pipeline = RedisPipeline.create(vertx, options);
    return new Stores(
        RedisPushedRequestStore.onSharedPipeline(pipeline, options),
        new RedisReplayGuard(pipeline, options.keyPrefix(), options.commandTimeout(), false),
        pipeline::close);
  }

  public PushedRequestStore requests() {
    return requests;
  }

  public ReplayGuard replays() {
    return replays;
  }

  /** Closes both stores and what they share. */
  public Future<Void> close() {
    return closer.get();
  }
}
