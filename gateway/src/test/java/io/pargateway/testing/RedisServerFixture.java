package io.pargateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real Redis server on 127.0.0.1 and a free port, for tests.
 *
 * <p>Uses a {@code redis-server} (6.2 or later) from the {@code PATH} when there is one, otherwise
 * the binary shipped with embedded-redis, so it runs on a machine with only a JDK and Maven. The
 * server keeps nothing on disk. The port is chosen on the first {@link #start()} and kept, so
 * {@link #stop()} then {@link #start()} (or {@link #restart()}) brings the server back where
 * clients expect it.
 *
 * <p>As a JUnit 5 extension, on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final RedisServerFixture REDIS = new RedisServerFixture();
 * }</pre>
 *
 * <p>or by hand with {@link #start()} and {@link #close()}.
 */
public final class RedisServerFixture
    implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  public static final String HOST = "127.0.0.1";

  private static final long START_TIMEOUT_MILLIS = 10_000;
  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)");

  private int port;
  private Server server;
  private String binary;

  /** Starts the server unless it runs; returns this. */
  public synchronized RedisServerFixture start() {
    if (server != null) {
      return this;
    }
    if (port == 0) {
      port = freeLocalPort();
    }
    try {
      Optional<Path> installed = installedRedisServer();
      server = installed.isPresent() ? ProcessServer.start(installed.get(), port) : embedded(port);
      binary =
          installed
              .map(path -> path + " from the PATH")
              .orElse("the redis-server 6.2.6 shipped with embedded-redis");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start redis-server on port " + port, e);
    }
    return this;
  }

  /** Stops the server, which loses all its data; does nothing when it is not running. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop redis-server on port " + port, e);
    } finally {
      server = null;
    }
  }

  /** Stops and starts again on the same port, empty. */
  public synchronized void restart() {
    stop();
    start();
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The port, chosen on the first start. */
  public synchronized int port() {
    if (port == 0) {
      throw new IllegalStateException("not started yet");
    }
    return port;
  }

  /** Which {@code redis-server} the last start ran, for a report. */
  public synchronized String binary() {
    if (binary == null) {
      throw new IllegalStateException("not started yet");
    }
    return binary;
  }

  /** For vertx-redis-client, e.g. {@code redis://127.0.0.1:41234}. */
  public String connectionString() {
    return "redis://" + HOST + ":" + port();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** A port on 127.0.0.1 that nothing listens on at the moment of the call. */
  public static int freeLocalPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port", e);
    }
  }

  private interface Server {
    void stop() throws IOException;
  }

  private static Server embedded(int port) throws IOException {
    RedisServer redis =
        RedisServer.newRedisServer()
            .port(port)
            .bind(HOST)
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    redis.start(); // returns once the server logged that it accepts connections
    return redis::stop;
  }

  /** A {@code redis-server} of version 6.2 or later (GETDEL) on the PATH, if any. */
  private static Optional<Path> installedRedisServer() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isRegularFile(candidate)
          && Files.isExecutable(candidate)
          && supportsGetdel(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean supportsGetdel(Path binary) {
    try {
      Process process =
          new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      Matcher version = VERSION.matcher(output);
      if (!version.find()) {
        return false;
      }
      int major = Integer.parseInt(version.group(1));
      int minor = Integer.parseInt(version.group(2));
      return major > 6 || (major == 6 && minor >= 2);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A redis-server process of our own, with its files in a temporary directory. */
  private static final class ProcessServer implements Server {

    private final Process process;
    private final Path dir;

    private ProcessServer(Process process, Path dir) {
      this.process = process;
      this.dir = dir;
    }

    static ProcessServer start(Path binary, int port) throws IOException {
      Path dir = Files.createTempDirectory("redis-fixture-");
      Path log = dir.resolve("redis.log");
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  HOST,
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ProcessServer server = new ProcessServer(process, dir);
      try {
        server.awaitListening(port, log);
      } catch (IOException | RuntimeException e) {
        server.stop();
        throw e;
      }
      return server;
    }

    private void awaitListening(int port, Path log) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
      while (true) {
        if (!process.isAlive()) {
          throw new IOException("redis-server exited: " + Files.readString(log));
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(HOST, port), 200);
          return;
        } catch (IOException notYet) {
          if (System.nanoTime() - deadline > 0) {
            throw new IOException(
                "redis-server did not listen within " + START_TIMEOUT_MILLIS + " ms");
          }
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for redis-server", e);
        }
      }
    }

    @Override
    public void stop() throws IOException {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
