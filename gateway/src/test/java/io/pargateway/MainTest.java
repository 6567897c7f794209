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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process as an operator starts it: a bad configuration stops the start with one clear line.
 */
class MainTest {

  /**
   * The gateway as its own process, logging as shipped (logback.xml, not the tests' configuration);
   * with {@code output}, both streams go to that file.
   */
  private static Process launch(Path config, Path output) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java,
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--config",
                config.toString()));
    if (output != null) {
      builder.redirectErrorStream(true).redirectOutput(output.toFile());
    }
    return builder.start();
  }

  private static String run(Path config) throws Exception {
    Process process = launch(config, null);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isEqualTo(2);
    return stderr;
  }

  static Stream<Arguments> invalidConfigurations() {
    String valid = "issuer: http://localhost/default\nupstream:\n  base_url: http://127.0.0.1:9\n";
    return Stream.of(
        Arguments.of(valid + "  timeout_typo: 5\n", "upstream.timeout_typo"),
        Arguments.of(
            valid + "par:\n  request_uri_lifetime_seconds: 3600\n",
            "par.request_uri_lifetime_seconds"),
        Arguments.of("upstream:\n  base_url: http://127.0.0.1:9\n", "issuer"),
        Arguments.of(valid + "store:\n  type: cassandra\n", "store.type"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidConfigurations")
  void startWhenConfigurationInvalidThenExitsWithOneLineNamingTheKey(
      String yaml, String key, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, yaml);
    assertThat(run(config)).contains(key).hasLineCount(1);
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
    Process process = launch(config, output);
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
