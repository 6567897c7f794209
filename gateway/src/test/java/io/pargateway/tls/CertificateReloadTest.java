package io.pargateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.Authority;
import io.pargateway.testing.TestCertificates.KeyType;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server certificate and key are served anew when their files change, with no restart and no
 * connection dropped; a pair that cannot be served is never applied.
 */
class CertificateReloadTest {

  /** Long enough for a few looks at the files. */
  private static final Duration RELOAD_TIMEOUT =
      Duration.ofMillis(CertificateReloader.INTERVAL_MS * 5);

  private static UpstreamOp upstream;
  private static Authority authority;

  @TempDir Path dir;
  private Vertx vertx;

  @BeforeAll
  static void startUpstream() {
    upstream = UpstreamOp.start();
    authority = Authority.root("CN=Reload Test CA");
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() {
    Http.await(vertx.close());
  }

  private Gateway start(Path cert, Path key, String engine, String client) {
    String tls =
        "{cert_path: \""
            + cert
            + "\", key_path: \""
            + key
            + "\", client_auth: request, engine: "
            + engine
            + "}";
    return Http.await(Gateway.start(vertx, TlsTesting.config(upstream, tls, null, client)));
  }

  /** The certificate a new connection gets; each from a new context, so nothing is resumed. */
  private static X509Certificate served(Gateway gateway) throws IOException {
    try (SSLSocket socket =
        TlsTesting.connect(authority.clientContext(null), gateway.port(), "TLSv1.3")) {
      assertThat(TlsTesting.get(socket, "/health/live")).isEqualTo(200);
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static void awaitServed(Gateway gateway, X509Certificate expected) throws Exception {
    Instant deadline = Instant.now().plus(RELOAD_TIMEOUT);
    while (!served(gateway).equals(expected)) {
      assertThat(Instant.now()).as("new certificate served in time").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  @ParameterizedTest(name = "{0} engine")
  @ValueSource(strings = {"openssl", "jdk"})
  void reloadWhenSecretVolumeSwapsItsLinkThenNewConnectionsGetNewPairAndOpenOnesStay(String engine)
      throws Exception {
    // A Kubernetes Secret volume: tls.crt -> ..data/tls.crt, ..data -> ..<version>.
    TestCertificates first = authority.issueServer(dir.resolve("..v1"), KeyType.RSA);
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
    Path cert = Files.createSymbolicLink(dir.resolve("tls.crt"), Path.of("..data/tls.crt"));
    Path key = Files.createSymbolicLink(dir.resolve("tls.key"), Path.of("..data/tls.key"));
    TestCertificates client = TestCertificates.selfSignedClient("CN=client", KeyType.EC);
    Gateway gateway = start(cert, key, engine, TlsTesting.selfSignedClient(client.certificate()));
    assertThat(served(gateway)).isEqualTo(first.certificate());

    try (SSLSocket kept =
        TlsTesting.connect(authority.clientContext(null), gateway.port(), "TLSv1.3")) {
      assertThat(TlsTesting.get(kept, "/health/live")).isEqualTo(200);

      TestCertificates second = authority.issueServer(dir.resolve("..v2"), KeyType.EC);
      Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v2"));
      Files.move(
          dir.resolve("..data_tmp"),
          dir.resolve("..data"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);

      awaitServed(gateway, second.certificate());
      // Every verticle's server serves it: new connections are spread over them.
      for (int i = 0; i < 6; i++) {
        assertThat(served(gateway)).isEqualTo(second.certificate());
      }
      // The connection opened before the swap goes on, on its own handshake's certificate.
      assertThat(TlsTesting.get(kept, "/health/live")).isEqualTo(200);
      assertThat(kept.getSession().getPeerCertificates()[0]).isEqualTo(first.certificate());
    }

    // The rest of the TLS settings came through the update: ALPN and the client certificate.
    HttpResponse<String> pushed =
        TlsTesting.push(
            HttpClient.newBuilder()
                .sslContext(authority.clientContext(client))
                .version(HttpClient.Version.HTTP_2)
                .build(),
            TlsTesting.base(gateway, true),
            TlsTesting.SELF_SIGNED_CLIENT);
    assertThat(pushed.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"half-written key", "key of another certificate", "no key"})
  void reloadWhenNewPairCannotBeServedThenOldPairStaysUntilGoodPairArrives(String broken)
      throws Exception {
    TestCertificates first = authority.issueServer(dir, KeyType.RSA);
    Gateway gateway = start(first.certPath(), first.keyPath(), "openssl", "");
    TestCertificates second = authority.issueServer(dir.resolve("next"), KeyType.RSA);

    Files.writeString(first.certPath(), second.chainPem());
    switch (broken) {
      case "half-written key" ->
          Files.writeString(
              first.keyPath(), second.keyPem().substring(0, second.keyPem().length() / 2));
      case "key of another certificate" ->
          Files.writeString(
              first.keyPath(), authority.issueServer(dir.resolve("other"), KeyType.RSA).keyPem());
      default -> Files.delete(first.keyPath());
    }
    Thread.sleep(CertificateReloader.INTERVAL_MS * 2 + 500);
    for (int i = 0; i < 4; i++) {
      assertThat(served(gateway)).isEqualTo(first.certificate());
    }

    Files.writeString(first.keyPath(), second.keyPem());
    awaitServed(gateway, second.certificate());
  }

  @Test
  void startWhenKeyDoesNotBelongToCertificateThenStartFailsNamingTheListener() throws Exception {
    TestCertificates first = authority.issueServer(dir, KeyType.EC);
    Files.writeString(
        first.keyPath(), authority.issueServer(dir.resolve("other"), KeyType.EC).keyPem());

    Throwable failure =
        Gateway.start(vertx, TlsTesting.config(upstream, TlsTesting.tls(first), null))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((gateway, error) -> error)
            .get();

    assertThat(failure)
        .hasMessageContaining("listeners[0].tls")
        .hasMessageContaining("does not belong to the first certificate");
  }
}
