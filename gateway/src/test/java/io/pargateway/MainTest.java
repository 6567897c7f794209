package io.pargateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.testing.Http;
import io.pargateway.testing.RedisServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process as an operator starts it: a bad configuration stops the start with one clear line.
 */
class MainTest {

  private static Process launch(Path config) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--config",
                config.toString()))
        .redirectErrorStream(false)
        .start();
  }

  private static String run(Path config) throws Exception {
    Process process = launch(config);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isEqualTo(2);
    return stderr;
  }

  @Test
  void startWhenUnknownKeyThenExitsNamingIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        "issuer: http://localhost/default\n"
            + "upstream:\n"
            + "  base_url: http://127.0.0.1:9\n"
            + "  timeout_typo: 5\n");
    String stderr = run(config);
    assertThat(stderr).contains("upstream.timeout_typo").hasLineCount(1);
  }

  @Test
  void startWhenLifetimeImpossibleThenExitsNamingIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        "issuer: http://localhost/default\n"
            + "upstream:\n"
            + "  base_url: http://127.0.0.1:9\n"
            + "par:\n"
            + "  request_uri_lifetime_seconds: 3600\n");
    assertThat(run(config)).contains("par.request_uri_lifetime_seconds");
  }

  @Test
  void startWhenIssuerMissingThenExitsNamingIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, "upstream:\n  base_url: http://127.0.0.1:9\n");
    assertThat(run(config)).contains("issuer");
  }

  @Test
  void sigtermWhenRunningThenDrainsAndStops(@TempDir Path dir) throws Exception {
    int port = RedisServerFixture.freeLocalPort();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        "issuer: http://localhost/default\n"
            + "listeners:\n"
            + "  - host: 127.0.0.1\n"
            + "    port: "
            + port
            + "\n"
            + "upstream:\n"
            + "  base_url: http://127.0.0.1:9\n");
    Path output = dir.resolve("stdout.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      boolean live = false;
      for (int i = 0; i < 300 && !live; i++) {
        try {
          live = Http.get("http://127.0.0.1:" + port + "/health/live").statusCode() == 200;
        } catch (IllegalStateException notYet) {
          Thread.sleep(100);
        }
      }
      assertThat(live).isTrue();
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String stdout = Files.readString(output);
      assertThat(stdout).contains("stopping: draining in-flight requests").contains("stopped");
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
  }
}
