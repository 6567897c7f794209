package io.pargateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import io.pargateway.Gateway;
import io.pargateway.config.ConfigLoader;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS listener from PEM files completes a real handshake on the OpenSSL (BoringSSL) engine. A
 * netty-tcnative that does not match Netty fails silently (every connection dropped), so this test
 * guards the build's versions too.
 */
class TlsListenerTest {

  @Test
  void tlsListenerWhenPemCredentialsThenServesOverTlsOnOpenSsl(@TempDir Path dir) throws Exception {
    assertThat(OpenSsl.isAvailable()).as("netty-tcnative native library loads").isTrue();
    assertThat(ServerTls.describeEngine()).startsWith("OpenSSL");
    TestCertificates certificates = TestCertificates.selfSignedServer(dir);
    Vertx vertx = Vertx.vertx();
    try (UpstreamOp upstream = UpstreamOp.start()) {
      String yaml =
          "issuer: https://localhost/default\n"
              + "listeners:\n"
              + "  - host: 127.0.0.1\n"
              + "    port: 0\n"
              + "    tls:\n"
              + "      cert_path: \""
              + certificates.certPath()
              + "\"\n"
              + "      key_path: \""
              + certificates.keyPath()
              + "\"\n"
              + "upstream:\n"
              + "  base_url: \""
              + upstream.baseUrl()
              + "\"\n"
              + "clients:\n"
              + "  - client_id: "
              + TestConfigs.BASIC_CLIENT
              + "\n"
              + "    client_secret: "
              + TestConfigs.BASIC_SECRET
              + "\n"
              + "    redirect_uris: [\""
              + TestConfigs.REDIRECT_URI
              + "\"]\n";
      Gateway gateway = Http.await(Gateway.start(vertx, ConfigLoader.fromYaml(yaml, Map.of())));
      try {
        HttpClient client =
            HttpClient.newBuilder().sslContext(certificates.clientContext()).build();
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + gateway.port() + "/par"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(
                        "Authorization",
                        Http.basic(TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "response_type=code&redirect_uri="
                                + java.net.URLEncoder.encode(
                                    TestConfigs.REDIRECT_URI,
                                    java.nio.charset.StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.sslSession()).isPresent();
        assertThat(response.sslSession().get().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
      } finally {
        Http.await(gateway.stop());
      }
    } finally {
      Http.await(vertx.close());
    }
  }
}
