package io.pargateway.crypto;

import static java.util.Objects.requireNonNull;

import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where cryptographic work runs. Work of microseconds runs inline on the event loop; slower work
 * (an ECDSA check on the JDK's provider takes about a millisecond) runs on a bounded worker pool,
 * and is refused with 503 when too much of it is already waiting, so that a flood of expensive
 * requests cannot queue without end.
 */
public interface CryptoExecutor {

  /** Runs {@code work} and completes with its result or its exception. */
  <T> Future<T> submit(Callable<T> work);

  /** Runs work at once on the calling thread. */
  static CryptoExecutor inline() {
    return new CryptoExecutor() {
      @Override
      public <T> Future<T> submit(Callable<T> work) {
        try {
          return Future.succeededFuture(work.call());
        } catch (Exception e) {
          return Future.failedFuture(e);
        }
      }
    };
  }

  /**
   * Runs work on {@code workers}, with at most {@code maxPending} pieces of work submitted and not
   * yet finished; past that, work fails at once with {@code temporarily_unavailable}.
   */
  static CryptoExecutor bounded(WorkerExecutor workers, int maxPending) {
    requireNonNull(workers, "workers");
    AtomicInteger pending = new AtomicInteger();
    return new CryptoExecutor() {
      @Override
      public <T> Future<T> submit(Callable<T> work) {
        if (pending.incrementAndGet() > maxPending) {
          pending.decrementAndGet();
          return Future.failedFuture(
              OAuthException.temporarilyUnavailable("the server is busy, try again", 1));
        }
        return workers.executeBlocking(work, false).andThen(done -> pending.decrementAndGet());
      }
    };
  }
}
