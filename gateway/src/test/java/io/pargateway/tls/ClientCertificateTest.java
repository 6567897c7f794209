package io.pargateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.config.ClientAuthenticationConfig.ForwardedCertificateConfig;
import io.pargateway.config.ClientAuthenticationConfig.MtlsConfig;
import io.pargateway.config.TlsConfig;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.Authority;
import io.pargateway.testing.TestCertificates.KeyType;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client certificates on a listener with {@code client_auth: request}, with real handshakes: asked
 * for but optional, the chain delivered leaf first over HTTP/1.1 and HTTP/2, on both engines, and
 * used by the mutual-TLS client authentication methods at {@code /par}.
 */
class ClientCertificateTest {

  private static UpstreamOp upstream;
  private static Authority root;
  private static Authority intermediate;

  @TempDir Path dir;
  private Vertx vertx;
  private TestCertificates server;

  @BeforeAll
  static void startUpstream() {
    upstream = UpstreamOp.start();
    root = Authority.root("CN=Test Root CA");
    intermediate = root.intermediate("CN=Test Issuing CA");
  }

  @AfterAll
  static void stopUpstream() {
    upstream.close();
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    server = TestCertificates.selfSignedServer(dir);
  }

  @AfterEach
  void closeVertx() {
    Http.await(vertx.close());
  }

  /**
   * A bare server on the listener's TLS that answers with what {@link ClientCertificates} read: the
   * subjects, the HTTP version, and the class of the TLS session (which engine served it).
   */
  private int echoServer(String engine) {
    TlsConfig config =
        new TlsConfig(
            server.certPath().toString(),
            server.keyPath().toString(),
            TlsConfig.ClientAuth.REQUEST,
            TlsConfig.Engine.valueOf(engine.toUpperCase(java.util.Locale.ROOT)));
    ListenerTls tls = Http.await(ListenerTls.load(vertx, "listeners[0]", config));
    ClientCertificates certificates =
        new ClientCertificates(
            new MtlsConfig(
                null,
                new ForwardedCertificateConfig(
                    null, ForwardedCertificateConfig.Format.NGINX, List.of())));
    HttpServer echo =
        Http.await(
            vertx
                .createHttpServer(
                    tls.configure(new HttpServerOptions().setHost("127.0.0.1").setPort(0)))
                .requestHandler(
                    request -> {
                      JsonArray subjects = new JsonArray();
                      for (X509Certificate certificate : certificates.of(request)) {
                        subjects.add(certificate.getSubjectX500Principal().getName());
                      }
                      request
                          .response()
                          .end(
                              new JsonObject()
                                  .put("subjects", subjects)
                                  .put("version", request.version().name())
                                  .put(
                                      "session",
                                      request.connection().sslSession().getClass().getName())
                                  .encode());
                    })
                .listen());
    return echo.actualPort();
  }

  private static JsonObject get(HttpClient client, int port) {
    HttpResponse<String> response =
        TlsTesting.send(
            client, HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build());
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  @ParameterizedTest(name = "{0} engine, {1}")
  @CsvSource({"openssl, HTTP_1_1", "openssl, HTTP_2", "jdk, HTTP_1_1", "jdk, HTTP_2"})
  void requestWhenNoClientCertificateThenServedWithEmptyChain(
      String engine, HttpClient.Version version) {
    int port = echoServer(engine);

    JsonObject answer = get(TlsTesting.https(server, null, version), port);

    assertThat(answer.getJsonArray("subjects")).isEmpty();
    assertThat(answer.getString("version")).isEqualTo(version.name());
  }

  @ParameterizedTest(name = "{0} engine, {1}")
  @CsvSource({"openssl, HTTP_1_1", "openssl, HTTP_2", "jdk, HTTP_1_1", "jdk, HTTP_2"})
  void requestWhenClientCertificateChainThenDeliveredLeafFirst(
      String engine, HttpClient.Version version) {
    int port = echoServer(engine);
    TestCertificates client = intermediate.issueClient("CN=chain-client", KeyType.EC);

    JsonObject answer = get(TlsTesting.https(server, client, version), port);

    assertThat(answer.getJsonArray("subjects"))
        .containsExactly("CN=chain-client", "CN=Test Issuing CA");
    assertThat(answer.getString("version")).isEqualTo(version.name());
    // The engine asked for is the one that did the handshake.
    assertThat(answer.getString("session"))
        .satisfies(
            session -> assertThat(session.contains("OpenSsl")).isEqualTo(engine.equals("openssl")));
  }

  @Test
  void pushWhenSelfSignedCertificateOverMutualTlsThenAuthenticated() {
    TestCertificates client =
        TestCertificates.selfSignedClient("CN=self-signed-client", KeyType.EC);
    Gateway gateway = startMtlsGateway(TlsTesting.selfSignedClient(client.certificate()));
    String base = TlsTesting.base(gateway, true);

    for (HttpClient.Version version : HttpClient.Version.values()) {
      HttpResponse<String> response =
          TlsTesting.push(
              TlsTesting.https(server, client, version), base, TlsTesting.SELF_SIGNED_CLIENT);
      assertThat(response.version()).isEqualTo(version);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
  }

  @Test
  void pushWhenSelfSignedClientPresentsNoCertificateThenInvalidClient() {
    TestCertificates client =
        TestCertificates.selfSignedClient("CN=self-signed-client", KeyType.EC);
    Gateway gateway = startMtlsGateway(TlsTesting.selfSignedClient(client.certificate()));

    HttpResponse<String> response =
        TlsTesting.push(
            TlsTesting.https(server, null, HttpClient.Version.HTTP_2),
            TlsTesting.base(gateway, true),
            TlsTesting.SELF_SIGNED_CLIENT);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void pushWhenOtherMethodWithoutCertificateOnRequestingListenerThenServed() {
    TestCertificates client =
        TestCertificates.selfSignedClient("CN=self-signed-client", KeyType.EC);
    Gateway gateway = startMtlsGateway(TlsTesting.selfSignedClient(client.certificate()));

    HttpResponse<String> response =
        TlsTesting.push(
            TlsTesting.https(server, null, HttpClient.Version.HTTP_1_1),
            TlsTesting.base(gateway, true),
            TestConfigs.BASIC_CLIENT,
            "Authorization",
            Http.basic(TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void pushWhenPkiClientSendsChainThroughIntermediateThenAuthenticated() throws Exception {
    // The trust anchor is the root: the chain validates only with the intermediate the client sent.
    Path anchors = Files.writeString(dir.resolve("anchors.pem"), root.certificatePem());
    TestCertificates client = intermediate.issueClient(TlsTesting.PKI_CLIENT_DN, KeyType.RSA);
    Gateway gateway =
        startGateway("  mtls: {trust_anchors_path: \"" + anchors + "\"}\n", TlsTesting.pkiClient());

    HttpResponse<String> response =
        TlsTesting.push(
            TlsTesting.https(server, client, HttpClient.Version.HTTP_2),
            TlsTesting.base(gateway, true),
            TlsTesting.PKI_CLIENT);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private Gateway startMtlsGateway(String client) {
    return startGateway(null, client);
  }

  private Gateway startGateway(String clientAuthentication, String client) {
    Gateway gateway =
        Http.await(
            Gateway.start(
                vertx,
                TlsTesting.config(
                    upstream,
                    TlsTesting.tls(server, "client_auth: request"),
                    clientAuthentication,
                    client)));
    return gateway;
  }
}
