package io.pargateway.load;

import io.pargateway.testing.RedisServerFixture;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a real Redis for a benchmark exactly as the gateway's tests do ({@link
 * RedisServerFixture}: a {@code redis-server} of 6.2 or later from the {@code PATH} when there is
 * one, otherwise the binary that embedded-redis ships; bound to 127.0.0.1, nothing kept on disk).
 * Runs until it is stopped (SIGTERM), and stops Redis with it.
 *
 * <p>{@code java -cp ... io.pargateway.load.RedisLauncher} prints {@code redis listening on
 * 127.0.0.1:PORT pid PID (BINARY)} once Redis accepts connections.
 */
public final class RedisLauncher {

  private RedisLauncher() {}

  public static void main(String[] args) throws Exception {
    RedisServerFixture redis = new RedisServerFixture().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  redis.stop();
                  stopped.countDown();
                },
                "redis-stop"));
    // The server's own pid, so that a script can make sure it is gone even if this JVM is killed.
    String serverPids =
        ProcessHandle.current()
            .children()
            .map(child -> Long.toString(child.pid()))
            .reduce((a, b) -> a + "," + b)
            .orElse("none");
    System.out.println(
        "redis listening on "
            + RedisServerFixture.HOST
            + ":"
            + redis.port()
            + " pid "
            + serverPids
            + " ("
            + redis.binary()
            + ")");
    stopped.await();
  }
}
