package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.testing.RedisServerFixture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class RedisPipelineTest {

  @RegisterExtension static final RedisServerFixture REDIS = new RedisServerFixture();

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final int COMMANDS = 300;

  private static RedisPipeline pipeline(Vertx vertx, String connectionString, int maxWaiting) {
    return RedisPipeline.create(
        vertx, new RedisStoreOptions(connectionString, "pipeline-test:", maxWaiting, TIMEOUT));
  }

  /**
   * Hundreds of commands issued in one turn of the event loop, as a burst of requests would: every
   * reply reaches the command it answers, and they all travel on one connection.
   */
  @Test
  void whenManyCommandsInOneTurnThenEachGetsItsOwnReplyOnOneConnection(
      Vertx vertx, VertxTestContext testContext) {
    RedisPipeline pipeline = pipeline(vertx, REDIS.connectionString(), COMMANDS * 2);
    RedisPipeline inspector = pipeline(vertx, REDIS.connectionString(), 10);
    Context context = vertx.getOrCreateContext();
    Promise<List<String>> echoed = Promise.promise();
    context.runOnContext(
        v -> {
          List<Future<Response>> replies = new ArrayList<>();
          for (int i = 0; i < COMMANDS; i++) {
            replies.add(pipeline.send(Request.cmd(Command.ECHO).arg("value-" + i)));
          }
          Future.all(replies)
              .map(all -> all.<Response>list().stream().map(Response::toString).toList())
              .onComplete(echoed);
        });
    echoed
        .future()
        .compose(
            values ->
                connectionsThatEchoed(inspector)
                    .map(
                        connections -> {
                          testContext.verify(
                              () -> {
                                for (int i = 0; i < COMMANDS; i++) {
                                  assertThat(values.get(i)).isEqualTo("value-" + i);
                                }
                                assertThat(connections).isEqualTo(1);
                              });
                          return connections;
                        }))
        .eventually(() -> Future.join(pipeline.close(), inspector.close()))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void whenCommandsComeFromAnotherThreadThenTheyAreAnsweredToo(
      Vertx vertx, VertxTestContext testContext) {
    RedisPipeline pipeline = pipeline(vertx, REDIS.connectionString(), 100);
    List<Future<Response>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) { // from the JUnit thread
      replies.add(pipeline.send(Request.cmd(Command.PING).arg("other-" + i)));
    }
    Future.all(replies)
        .onComplete(
            testContext.succeeding(
                all ->
                    testContext.verify(
                        () -> {
                          for (int i = 0; i < 20; i++) {
                            assertThat(all.<Response>resultAt(i).toString())
                                .isEqualTo("other-" + i);
                          }
                          pipeline.close().onComplete(testContext.succeedingThenComplete());
                        })));
  }

  /**
   * A connection that stopped answering is not used again: after the timeout the next command opens
   * a new one.
   */
  @Test
  void whenRepliesTimeOutThenTheNextCommandUsesANewConnection(
      Vertx vertx, VertxTestContext testContext) {
    AtomicInteger connections = new AtomicInteger();
    silentServer(vertx, connections)
        .compose(
            server -> {
              RedisPipeline pipeline =
                  pipeline(vertx, "redis://127.0.0.1:" + server.actualPort(), 10);
              return failureOf(pipeline.send(Request.cmd(Command.PING)))
                  .compose(
                      first -> {
                        testContext.verify(
                            () -> {
                              assertThat(first).isInstanceOf(TimeoutException.class);
                              assertThat(connections.get()).isEqualTo(1);
                            });
                        return failureOf(pipeline.send(Request.cmd(Command.PING)));
                      })
                  .map(
                      second -> {
                        testContext.verify(
                            () -> {
                              assertThat(second).isInstanceOf(TimeoutException.class);
                              assertThat(connections.get()).isEqualTo(2);
                            });
                        return second;
                      })
                  .eventually(pipeline::close);
            })
        .onComplete(testContext.succeedingThenComplete());
  }

  /** A caller whose reply callback throws does not keep the other commands of its write waiting. */
  @Test
  void whenOneReplyCallbackThrowsThenTheOtherCommandsOfTheWriteAreAnsweredToo(
      Vertx vertx, VertxTestContext testContext) {
    RedisPipeline pipeline = pipeline(vertx, REDIS.connectionString(), 10);
    Promise<Response> second = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              pipeline
                  .send(Request.cmd(Command.PING).arg("first"))
                  .onSuccess(
                      reply -> {
                        throw new IllegalStateException("a caller's callback failed");
                      });
              pipeline.send(Request.cmd(Command.PING).arg("second")).onComplete(second);
            });
    second
        .future()
        .onComplete(
            testContext.succeeding(
                reply ->
                    testContext.verify(
                        () -> {
                          assertThat(reply.toString()).isEqualTo("second");
                          pipeline.close().onComplete(testContext.succeedingThenComplete());
                        })));
  }

  @Test
  void whenClosedThenCommandsFail(Vertx vertx, VertxTestContext testContext) {
    RedisPipeline pipeline = pipeline(vertx, REDIS.connectionString(), 10);
    pipeline
        .send(Request.cmd(Command.PING))
        .compose(pong -> pipeline.close())
        .compose(closed -> failureOf(pipeline.send(Request.cmd(Command.PING))))
        .onComplete(
            testContext.succeeding(
                failure ->
                    testContext.verify(
                        () -> {
                          assertThat(failure).hasMessage("the Redis client is closed");
                          testContext.completeNow();
                        })));
  }

  /**
   * Connections whose last command was {@code ECHO}, from {@code CLIENT LIST}; only the first test
   * sends it.
   */
  private static Future<Integer> connectionsThatEchoed(RedisPipeline inspector) {
    return inspector
        .send(Request.cmd(Command.CLIENT).arg("LIST"))
        .map(
            list ->
                (int) list.toString().lines().filter(line -> line.contains(" cmd=echo")).count());
  }

  private static Future<Throwable> failureOf(Future<?> future) {
    return future.transform(
        done ->
            done.failed()
                ? Future.succeededFuture(done.cause())
                : Future.failedFuture(new AssertionError("expected a failure")));
  }

  /** A TCP server that accepts connections, counts them and never answers. */
  private static Future<NetServer> silentServer(Vertx vertx, AtomicInteger connections) {
    return vertx
        .createNetServer()
        .connectHandler(socket -> connections.incrementAndGet())
        .listen(0, "127.0.0.1");
  }
}
