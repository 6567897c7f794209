package io.pargateway.load;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;

/**
 * Starts a real Redis for a benchmark the way the gateway's tests do ({@code RedisServerFixture},
 * which lives in the gateway's test sources and is not published): a {@code redis-server} of 6.2 or
 * later from the {@code PATH} when there is one, otherwise the binary that embedded-redis ships;
 * bound to 127.0.0.1, nothing kept on disk. Runs until it is stopped (SIGTERM), and stops Redis
 * with it.
 *
 * <p>{@code java -cp ... io.pargateway.load.RedisLauncher [PORT]} prints {@code redis listening on
 * 127.0.0.1:PORT pid PID (BINARY)} once Redis accepts connections.
 */
public final class RedisLauncher {

  private static final String HOST = "127.0.0.1";
  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)");

  private RedisLauncher() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : freeLocalPort();
    Optional<Path> installed = installedRedisServer();
    Runnable stop;
    String binary;
    if (installed.isPresent()) {
      Process process =
          new ProcessBuilder(
                  installed.get().toString(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  HOST,
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      stop = () -> stopProcess(process);
      binary = installed.get() + " from the PATH";
      awaitListening(port, process);
    } else {
      RedisServer redis =
          RedisServer.newRedisServer()
              .port(port)
              .bind(HOST)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      redis.start(); // returns once the server logged that it accepts connections
      stop =
          () -> {
            try {
              redis.stop();
            } catch (IOException e) {
              System.err.println("redis did not stop cleanly: " + e.getMessage());
            }
          };
      binary = "the redis-server 6.2.6 shipped with embedded-redis";
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stopOnce = stop;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopOnce.run();
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
        "redis listening on " + HOST + ":" + port + " pid " + serverPids + " (" + binary + ")");
    stopped.await();
  }

  private static int freeLocalPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static Optional<Path> installedRedisServer() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (Files.isRegularFile(candidate)
          && Files.isExecutable(candidate)
          && supportsGetdel(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** GETDEL, which the gateway's store uses, came with Redis 6.2. */
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

  private static void awaitListening(int port, Process process) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with status " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 200);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() - deadline > 0) {
          stopProcess(process);
          throw new IOException("redis-server did not listen on port " + port + " within 10 s");
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopProcess(process);
        throw new IOException("interrupted while waiting for redis-server", e);
      }
    }
  }

  private static void stopProcess(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
