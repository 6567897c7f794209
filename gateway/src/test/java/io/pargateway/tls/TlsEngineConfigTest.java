package io.pargateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pargateway.config.ConfigException;
import io.pargateway.config.ConfigLoader;
import io.pargateway.config.TlsConfig;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.KeyType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code listeners[].tls.engine}: which TLS implementation serves a listener. */
class TlsEngineConfigTest {

  @TempDir Path dir;

  private TlsConfig tls(String extra, Map<String, String> env) {
    TestCertificates server = TestCertificates.selfSignedServer(dir, KeyType.RSA);
    String tls = extra == null ? TlsTesting.tls(server) : TlsTesting.tls(server, extra);
    return ConfigLoader.fromYaml(
            "issuer: http://localhost\n"
                + "upstream: {base_url: \"http://localhost:1\"}\n"
                + "listeners: [{host: 127.0.0.1, port: 0, tls: "
                + tls
                + "}]\n",
            env)
        .listeners()
        .get(0)
        .tls();
  }

  @Test
  void engineWhenNotWrittenThenAutoAndOpenSslServes() {
    TlsConfig config = tls(null, Map.of());

    assertThat(config.engine()).isEqualTo(TlsConfig.Engine.AUTO);
    assertThat(ServerTls.create(config).openSsl()).isTrue();
  }

  @Test
  void engineWhenJdkFromEnvironmentThenJdkServesWithAllFourSuites() {
    TlsConfig config = tls(null, Map.of("PARGW_LISTENERS__0__TLS__ENGINE", "jdk"));

    ServerTls tls = ServerTls.create(config);

    assertThat(tls.openSsl()).isFalse();
    assertThat(tls.tls12CipherSuites()).containsExactlyElementsOf(ServerTls.TLS12_CIPHER_SUITES);
  }

  @Test
  void engineWhenOpenSslThenOpenSslServesWithoutDhe() {
    ServerTls tls = ServerTls.create(tls("engine: openssl", Map.of()));

    assertThat(tls.openSsl()).isTrue();
    // BoringSSL has no DHE: the two ECDHE suites are left.
    assertThat(tls.tls12CipherSuites())
        .containsExactly(
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    assertThat(tls.describe()).startsWith("OpenSSL engine").contains("the engine lacks");
  }

  @Test
  void engineWhenUnknownThenStartRefusedNamingTheKey() {
    assertThatThrownBy(() -> tls("engine: boringssl", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("listeners[0].tls.engine");
  }
}
