package io.pargateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.pargateway.Gateway;
import io.pargateway.config.ConfigLoader;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.KeyType;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS listeners with real handshakes: the OpenSSL (BoringSSL) engine really serves them (a
 * netty-tcnative that does not match Netty fails silently, every connection dropped, so this guards
 * the build's versions too), TLS 1.2 and 1.3 only, the FAPI 2.0 cipher suites under TLS 1.2, ALPN
 * with HTTP/2 for every route, the JDK engine when configured, and session resumption on both.
 */
class TlsListenerTest {

  private static UpstreamOp upstream;
  private Vertx vertx;
  private Gateway gateway;

  @BeforeAll
  static void startUpstream() {
    upstream = UpstreamOp.start();
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      Http.await(gateway.stop());
    }
    if (vertx != null) {
      Http.await(vertx.close());
    }
  }

  private Gateway start(TestCertificates server, String... tlsExtra) {
    vertx = Vertx.vertx();
    gateway =
        Http.await(
            Gateway.start(
                vertx, TlsTesting.config(upstream, TlsTesting.tls(server, tlsExtra), null)));
    return gateway;
  }

  @Test
  void tlsListenerWhenPemCredentialsThenServesOverTlsOnOpenSsl(@TempDir Path dir) throws Exception {
    assertThat(OpenSsl.isAvailable()).as("netty-tcnative native library loads").isTrue();
    assertThat(ServerTls.describeEngine()).startsWith("OpenSSL");
    TestCertificates certificates = TestCertificates.selfSignedServer(dir);
    Vertx vertx = Vertx.vertx();
    try {
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
                                + URLEncoder.encode(
                                    TestConfigs.REDIRECT_URI, StandardCharsets.UTF_8)))
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

  @ParameterizedTest(name = "{0} engine")
  @ValueSource(strings = {"openssl", "jdk"})
  void handshakeWhenTls11ThenRefused(String engine, @TempDir Path dir) throws Exception {
    start(TestCertificates.selfSignedServer(dir, KeyType.RSA), "engine: " + engine);

    // The JDK client no longer offers TLS 1.1, so the ClientHello is written by hand.
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(tls11ClientHello());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int contentType;
      try {
        contentType = in.readUnsignedByte();
      } catch (EOFException | java.net.SocketException closed) {
        contentType = -1;
      }
      // Never a ServerHello (22, handshake): an alert (21) or a closed connection.
      assertThat(contentType).isIn(21, -1);
      if (contentType == 21) {
        in.skipBytes(4); // version, length
        assertThat(in.readUnsignedByte()).as("alert level fatal").isEqualTo(2);
        assertThat(in.readUnsignedByte()).as("alert protocol_version").isEqualTo(70);
      }
    }
  }

  @ParameterizedTest(name = "{0} engine, {1}: served {2}")
  @CsvSource({
    "openssl, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true",
    "openssl, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, true",
    "openssl, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, false",
    "openssl, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, false",
    "openssl, TLS_RSA_WITH_AES_128_GCM_SHA256, false",
    // BoringSSL has no DHE.
    "openssl, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, false",
    "jdk, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true",
    "jdk, TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, true",
    "jdk, TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, true",
    "jdk, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, false",
    "jdk, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, false",
  })
  void handshakeWhenTls12ThenOnlyFapiCipherSuites(
      String engine, String suite, boolean served, @TempDir Path dir) throws Exception {
    TestCertificates server = TestCertificates.selfSignedServer(dir, KeyType.RSA);
    start(server, "engine: " + engine);

    if (served) {
      try (SSLSocket socket =
          TlsTesting.connect(server.clientContext(), gateway.port(), "TLSv1.2", suite)) {
        assertThat(socket.getSession().getCipherSuite()).isEqualTo(suite);
        assertThat(TlsTesting.get(socket, "/health/live")).isEqualTo(200);
      }
    } else {
      assertThatThrownBy(
              () -> TlsTesting.connect(server.clientContext(), gateway.port(), "TLSv1.2", suite))
          .isInstanceOf(SSLException.class);
    }
  }

  @ParameterizedTest(name = "{0} engine, {1} key")
  @CsvSource({"openssl, EC", "openssl, RSA", "jdk, EC", "jdk, RSA"})
  void handshakeWhenTls13ThenServed(String engine, KeyType key, @TempDir Path dir)
      throws Exception {
    TestCertificates server = TestCertificates.selfSignedServer(dir, key);
    start(server, "engine: " + engine);

    try (SSLSocket socket = TlsTesting.connect(server.clientContext(), gateway.port(), "TLSv1.3")) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(TlsTesting.get(socket, "/health/live")).isEqualTo(200);
    }
  }

  @Test
  void handshakeWhenEcCertificateAndTls12ThenRefused(@TempDir Path dir) {
    // Every TLS 1.2 suite FAPI 2.0 allows is an RSA one: an EC certificate serves TLS 1.3 only.
    TestCertificates server = TestCertificates.selfSignedServer(dir, KeyType.EC);
    start(server);

    assertThatThrownBy(() -> TlsTesting.connect(server.clientContext(), gateway.port(), "TLSv1.2"))
        .isInstanceOf(SSLException.class);
  }

  @ParameterizedTest(name = "{0} engine")
  @ValueSource(strings = {"openssl", "jdk"})
  void alpnWhenClientOffersH2ThenEveryRouteServedOverHttp2(String engine, @TempDir Path dir) {
    TestCertificates server = TestCertificates.selfSignedServer(dir);
    start(server, "engine: " + engine);
    HttpClient client = TlsTesting.https(server, null, HttpClient.Version.HTTP_2);
    String base = TlsTesting.base(gateway, true);

    // The PAR endpoint reads its body with BoundedBody over an HTTP/2 stream.
    HttpResponse<String> pushed =
        TlsTesting.push(
            client,
            base,
            TestConfigs.BASIC_CLIENT,
            "Authorization",
            Http.basic(TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET));
    assertThat(pushed.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    String requestUri = new JsonObject(pushed.body()).getString("request_uri");

    // Redeemed and proxied to the upstream, whose redirect comes back over HTTP/2.
    HttpResponse<String> authorized =
        TlsTesting.send(
            client,
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/default/authorize?client_id="
                            + TestConfigs.BASIC_CLIENT
                            + "&request_uri="
                            + URLEncoder.encode(requestUri, StandardCharsets.UTF_8)))
                .build());
    assertThat(authorized.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
    assertThat(authorized.headers().firstValue("Location").orElseThrow())
        .startsWith(TestConfigs.REDIRECT_URI)
        .contains("code=");

    HttpResponse<String> discovery =
        TlsTesting.send(
            client,
            HttpRequest.newBuilder(URI.create(base + "/default/.well-known/openid-configuration"))
                .build());
    assertThat(discovery.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(discovery.body()).getString("pushed_authorization_request_endpoint"))
        .isEqualTo("http://localhost/par");

    // Passed through to the upstream.
    HttpResponse<String> jwks =
        TlsTesting.send(client, HttpRequest.newBuilder(URI.create(base + "/default/jwks")).build());
    assertThat(jwks.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(jwks.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(jwks.body()).getJsonArray("keys")).isNotEmpty();
  }

  @Test
  void alpnWhenClientOffersOnlyHttp11ThenHttp11(@TempDir Path dir) {
    TestCertificates server = TestCertificates.selfSignedServer(dir);
    start(server);
    HttpClient client = TlsTesting.https(server, null, HttpClient.Version.HTTP_1_1);

    HttpResponse<String> pushed =
        TlsTesting.push(
            client,
            TlsTesting.base(gateway, true),
            TestConfigs.BASIC_CLIENT,
            "Authorization",
            Http.basic(TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET));

    assertThat(pushed.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0} engine, {1}")
  @CsvSource({"openssl, TLSv1.2", "openssl, TLSv1.3", "jdk, TLSv1.2", "jdk, TLSv1.3"})
  void handshakeWhenSecondConnectionThenSessionResumed(
      String engine, String protocol, @TempDir Path dir) throws Exception {
    TestCertificates server = TestCertificates.selfSignedServer(dir, KeyType.RSA);
    start(server, "engine: " + engine);
    // One client context: its session cache offers the first session on the second connection.
    SSLContext context = server.clientContext();

    byte[] firstId;
    long firstCreated;
    try (SSLSocket first = TlsTesting.connect(context, gateway.port(), protocol)) {
      // A TLS 1.3 server sends its tickets after the handshake, with its first answer.
      assertThat(TlsTesting.get(first, "/health/live")).isEqualTo(200);
      firstId = first.getSession().getId();
      firstCreated = first.getSession().getCreationTime();
    }
    try (SSLSocket second = TlsTesting.connect(context, gateway.port(), protocol)) {
      assertThat(TlsTesting.get(second, "/health/live")).isEqualTo(200);
      // A resumed session is the first one again: same creation time (and id, under TLS 1.2).
      assertThat(second.getSession().getCreationTime()).isEqualTo(firstCreated);
      if (protocol.equals("TLSv1.2")) {
        assertThat(second.getSession().getId()).isEqualTo(firstId);
      }
    }
  }

  /** A TLS 1.1 ClientHello without extensions, offering two CBC suites TLS 1.1 has. */
  private static byte[] tls11ClientHello() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] body = new byte[2 + 32 + 1 + 2 + 4 + 2];
    int i = 0;
    body[i++] = 3;
    body[i++] = 2; // client_version TLS 1.1
    System.arraycopy(random, 0, body, i, 32);
    i += 32;
    body[i++] = 0; // session_id
    body[i++] = 0;
    body[i++] = 4; // cipher_suites: ECDHE_RSA_WITH_AES_128_CBC_SHA, ECDHE_RSA_WITH_AES_256_CBC_SHA
    body[i++] = (byte) 0xc0;
    body[i++] = 0x13;
    body[i++] = (byte) 0xc0;
    body[i++] = 0x14;
    body[i++] = 1; // compression_methods: null
    body[i] = 0;
    byte[] handshake = new byte[4 + body.length];
    handshake[0] = 1; // client_hello
    handshake[3] = (byte) body.length;
    System.arraycopy(body, 0, handshake, 4, body.length);
    byte[] record = new byte[5 + handshake.length];
    record[0] = 22; // handshake
    record[1] = 3;
    record[2] = 1;
    record[4] = (byte) handshake.length;
    System.arraycopy(handshake, 0, record, 5, handshake.length);
    return record;
  }
}
