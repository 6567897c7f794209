package io.pargateway;

import io.pargateway.config.ConfigException;
import io.pargateway.config.ConfigLoader;
import io.pargateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar par-gateway.jar --config FILE} (or {@code PARGW_CONFIG=FILE}): loads the
 * configuration, starts the gateway, and stops it gracefully on SIGTERM.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** Exit status for a configuration that cannot be used. */
  private static final int EXIT_CONFIG = 2;

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(configPath(args, env), env);
    } catch (ConfigException e) {
      // One line naming the key, before any logging is set up to print it.
      System.err.println("par-gateway: invalid configuration: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    run(config);
  }

  /** Starts the gateway for {@code config} and installs the SIGTERM hook. */
  static void run(GatewayConfig config) {
    Vertx vertx = Vertx.vertx();
    Gateway.start(vertx, config)
        .onSuccess(gateway -> installShutdownHook(vertx, gateway, config))
        .onFailure(
            failure -> {
              LOG.error("start failed: {}", failure.getMessage());
              vertx.close().onComplete(closed -> System.exit(1));
            });
  }

  private static void installShutdownHook(Vertx vertx, Gateway gateway, GatewayConfig config) {
    long bound = config.server().shutdownTimeoutMs() + 5_000;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: draining in-flight requests");
                  CountDownLatch stopped = new CountDownLatch(1);
                  gateway.stop().onComplete(done -> stopped.countDown());
                  awaitQuietly(stopped, bound);
                  // Registered from this thread, so the callback does not need an event loop.
                  CountDownLatch closed = new CountDownLatch(1);
                  vertx.close().onComplete(done -> closed.countDown());
                  awaitQuietly(closed, bound);
                  LOG.info("stopped");
                },
                "par-gateway-shutdown"));
  }

  private static void awaitQuietly(CountDownLatch latch, long timeoutMs) {
    try {
      if (!latch.await(timeoutMs, TimeUnit.MILLISECONDS)) {
        LOG.warn("stop did not finish within {} ms", timeoutMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path configPath(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String fromEnv = env.get("PARGW_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    throw new ConfigException("no configuration: pass --config FILE or set PARGW_CONFIG");
  }
}
