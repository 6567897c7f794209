package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of one event loop, pipelined on one Redis connection: every command issued during
 * one turn of the loop goes out in one write at the end of the turn, and their replies come back in
 * order, usually in one read. Under load a push costs a fraction of a Redis write and read instead
 * of one of each, and no connection pool is consulted per command.
 *
 * <p>Bounds: at most {@code maxInFlight} commands wait for a reply; a command beyond it fails at
 * once instead of queueing. The commands of one write share a deadline: when their replies have not
 * all come within the timeout they fail, and the connection is dropped and reopened for the next
 * write, since a connection that stopped answering cannot be trusted to answer in order again.
 *
 * <p>A Redis error reply to one command of a write fails every command of that write (the client's
 * batch reports one error for all, and not which of the others ran). The writes the gateway batches
 * are {@code SET NX PX}, which Redis refuses all alike (out of memory, a read-only replica, no
 * permission), so a batch fails as its commands would have one by one; a command that must not be
 * reported failed when it ran ({@code GETDEL}) goes {@linkplain #sendAlone alone}.
 *
 * <p>Not thread-safe by itself: everything runs on the event loop of the context it was made on,
 * and a command sent from any other thread hops there first.
 */
final class RedisPipeline {

  private record Pending(Request request, boolean alone, Promise<Response> reply) {}

  private static final Logger LOG = LoggerFactory.getLogger(RedisPipeline.class);

  private final Context context;
  private final Supplier<Redis> clients;
  private final int maxInFlight;
  private final long timeoutMillis;

  private volatile Thread loop;
  private List<Pending> pending = new ArrayList<>();
  private int inFlight;
  private Redis client;
  private Future<RedisConnection> connection;
  private boolean closed;

  private RedisPipeline(Vertx vertx, Supplier<Redis> clients, int maxInFlight, long timeoutMillis) {
    this.context = vertx.getOrCreateContext();
    this.clients = requireNonNull(clients, "clients");
    this.maxInFlight = maxInFlight;
    this.timeoutMillis = timeoutMillis;
    context.runOnContext(v -> loop = Thread.currentThread());
  }

  /** A pipeline on the event loop of the caller's context (a new one off Vert.x threads). */
  static RedisPipeline create(Vertx vertx, RedisStoreOptions options) {
    requireNonNull(options, "options");
    RedisOptions redisOptions =
        new RedisOptions()
            .setConnectionString(options.connectionString())
            // One connection, held for as long as it answers; the bound on commands waiting for
            // a reply is kept here, and the client's own queue is never the first to refuse.
            .setMaxPoolSize(1)
            .setMaxPoolWaiting(1)
            .setMaxWaitingHandlers(options.maxWaitingHandlers());
    // Connecting counts against the same bound as the commands it serves.
    redisOptions
        .getNetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.commandTimeout().toMillis()));
    return new RedisPipeline(
        vertx,
        () -> Redis.createClient(vertx, redisOptions),
        options.maxWaitingHandlers(),
        options.commandTimeout().toMillis());
  }

  /**
   * Queues {@code request} for the end of this turn of the event loop; completes with its reply
   * ({@code null} for a nil reply), or fails: Redis refused it, the connection failed, no reply
   * came within the timeout ({@link java.util.concurrent.TimeoutException}), or too many commands
   * were already waiting.
   */
  Future<Response> send(Request request) {
    return send(request, false);
  }

  /**
   * As {@link #send(Request)}, but in a write of its own at the end of the turn: for a command
   * whose effect must not be reported as a failure because another command of the same write
   * failed. Redis may refuse one command and run the next (out of memory, it refuses a {@code SET}
   * and still runs a {@code GETDEL}), and a failed batch does not say which of its commands ran.
   */
  Future<Response> sendAlone(Request request) {
    return send(request, true);
  }

  private Future<Response> send(Request request, boolean alone) {
    requireNonNull(request, "request");
    Promise<Response> reply = Promise.promise();
    if (Thread.currentThread() == loop) {
      enqueue(new Pending(request, alone, reply));
    } else {
      context.runOnContext(v -> enqueue(new Pending(request, alone, reply)));
    }
    return reply.future();
  }

  /** Closes the connection; commands still waiting fail. */
  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          failAll(pending, new IllegalStateException("the Redis client is closed"));
          pending = new ArrayList<>();
          Redis current = client;
          client = null;
          connection = null;
          (current == null ? Future.<Void>succeededFuture() : current.close()).onComplete(done);
        });
    return done.future();
  }

  private void enqueue(Pending command) {
    if (closed) {
      command.reply().fail(new IllegalStateException("the Redis client is closed"));
      return;
    }
    if (inFlight + pending.size() >= maxInFlight) {
      command
          .reply()
          .fail(new IllegalStateException(maxInFlight + " commands already wait for Redis"));
      return;
    }
    pending.add(command);
    if (pending.size() == 1) {
      // Runs after the I/O of this turn: the commands of every request read in it go together.
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    List<Pending> commands = pending;
    pending = new ArrayList<>();
    if (commands.isEmpty()) {
      return;
    }
    Future<RedisConnection> opened = connection();
    List<Pending> together = new ArrayList<>(commands.size());
    for (Pending command : commands) {
      if (command.alone()) {
        dispatch(opened, List.of(command));
      } else {
        together.add(command);
      }
    }
    if (!together.isEmpty()) {
      dispatch(opened, together);
    }
  }

  /** Writes {@code batch} in one write once {@code opened} is open, and hands out the replies. */
  private void dispatch(Future<RedisConnection> opened, List<Pending> batch) {
    inFlight += batch.size();
    Future<List<Response>> replies =
        opened.compose(open -> write(open, batch)).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    replies.onComplete(
        done -> {
          inFlight -= batch.size();
          if (done.succeeded()) {
            List<Response> results = done.result();
            for (int i = 0; i < batch.size(); i++) {
              Response result = results.get(i);
              settle(batch.get(i), reply -> reply.tryComplete(result));
            }
            return;
          }
          failAll(batch, done.cause());
          if (done.cause() instanceof TimeoutException) {
            drop(opened);
          }
        });
  }

  private static Future<List<Response>> write(RedisConnection connection, List<Pending> batch) {
    if (batch.size() == 1) {
      return connection.send(batch.get(0).request()).map(Collections::singletonList);
    }
    List<Request> requests = new ArrayList<>(batch.size());
    for (Pending command : batch) {
      requests.add(command.request());
    }
    return connection.batch(requests);
  }

  /** The open connection, or a new one when there is none. */
  private Future<RedisConnection> connection() {
    if (connection != null) {
      return connection;
    }
    if (client == null) {
      client = clients.get();
    }
    Future<RedisConnection> opening = client.connect();
    connection = opening;
    opening.onComplete(
        opened -> {
          if (opened.failed()) {
            // Nothing to close: the client holds no connection. The next write tries again.
            if (connection == opening) {
              connection = null;
            }
            return;
          }
          opened.result().exceptionHandler(failure -> drop(opening)).endHandler(v -> drop(opening));
        });
    return opening;
  }

  /**
   * Forgets {@code which} if it is still the current connection and closes the client it came from,
   * so that the next write opens a fresh connection instead of taking this one back from the
   * client's pool.
   */
  private void drop(Future<RedisConnection> which) {
    if (connection != which) {
      return;
    }
    connection = null;
    Redis old = client;
    client = null;
    if (old != null) {
      old.close();
    }
  }

  private static void failAll(List<Pending> commands, Throwable cause) {
    for (Pending command : commands) {
      settle(command, reply -> reply.tryFail(cause));
    }
  }

  /**
   * Completes one command's promise; a callback of its caller that throws must not keep the other
   * commands of the write from being answered.
   */
  private static void settle(Pending command, Consumer<Promise<Response>> outcome) {
    try {
      outcome.accept(command.reply());
    } catch (RuntimeException e) {
      LOG.warn("a Redis reply's callback failed", e);
    }
  }
}
