package io.pargateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.Authority;
import io.pargateway.testing.TestCertificates.KeyType;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client certificate forwarded by a TLS-terminating proxy (RFC 8705 §6.5): NGINX's URL-encoded
 * PEM and Envoy's XFCC, believed only from a trusted proxy's address.
 */
class ForwardedCertificateTest {

  private static UpstreamOp upstream;
  private static TestCertificates client;
  private static TestCertificates chainClient;
  private static Authority issuing;

  private Vertx vertx;

  @BeforeAll
  static void startUpstream() {
    upstream = UpstreamOp.start();
    client = TestCertificates.selfSignedClient("CN=forwarded-client", KeyType.EC);
    issuing = Authority.root("CN=Forwarding Root").intermediate("CN=Forwarding Issuing");
    chainClient = issuing.issueClient("CN=chain-client", KeyType.EC);
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

  private static String escaped(String pem) {
    // As NGINX's $ssl_client_escaped_cert and Envoy write it: spaces and newlines escaped too.
    return URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String xfcc(TestCertificates certificates, boolean withChain) {
    return "Hash=0123abcd;Cert=\""
        + escaped(certificates.certificatePem())
        + "\""
        + (withChain ? ";Chain=\"" + escaped(certificates.chainPem()) + "\"" : "")
        + ";Subject=\"CN=forwarded-client,O=Example, Inc.;OU=a=b\";URI=spiffe://example.org/client"
        + ";DNS=client.example.org";
  }

  // The formats.

  @Test
  void nginxWhenEscapedPemThenCertificate() {
    List<X509Certificate> chain =
        new NginxEscapedCertificate().decode(escaped(client.certificatePem()));

    assertThat(chain).containsExactly(client.certificate());
  }

  @Test
  void nginxWhenEmptyThenNoCertificate() {
    assertThat(new NginxEscapedCertificate().decode("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a certificate",
        "-----BEGIN%20CERTIFICATE-----%0AAAAA%0A-----END%20CERTIFICATE-----%0A",
        "-----BEGIN%20CERTIFICATE-----%0",
        "-----BEGIN%20CERTIFICATE-----%zz",
        "-----BEGIN%20CERTIFICATE-----%00",
      })
  void nginxWhenMalformedThenRefused(String value) {
    assertThatThrownBy(() -> new NginxEscapedCertificate().decode(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(value);
  }

  @Test
  void envoyWhenCertAmongOtherPairsThenCertificate() {
    List<X509Certificate> chain = new EnvoyClientCertificate().decode(xfcc(client, false));

    assertThat(chain).containsExactly(client.certificate());
  }

  @Test
  void envoyWhenChainThenLeafFirstWithIntermediates() {
    List<X509Certificate> chain = new EnvoyClientCertificate().decode(xfcc(chainClient, true));

    assertThat(chain).containsExactly(chainClient.certificate(), issuing.certificate());
  }

  @Test
  void envoyWhenSeveralElementsThenTheLastOneAddedByTheNearestProxy() {
    TestCertificates spoofed = TestCertificates.selfSignedClient("CN=spoofed", KeyType.EC);
    String value =
        "By=spiffe://outer;Cert=\""
            + escaped(spoofed.certificatePem())
            + "\","
            + xfcc(client, false);

    assertThat(new EnvoyClientCertificate().decode(value)).containsExactly(client.certificate());
  }

  @Test
  void envoyWhenKeysInOtherCaseAndUnquotedThenCertificate() {
    String value = "hash=1;CERT=" + escaped(client.certificatePem());

    assertThat(new EnvoyClientCertificate().decode(value)).containsExactly(client.certificate());
  }

  @Test
  void envoyWhenLastElementHasNoCertThenNoCertificate() {
    String value = xfcc(client, false) + ",By=spiffe://inner;Hash=abcd";

    assertThat(new EnvoyClientCertificate().decode(value)).isEmpty();
  }

  @Test
  void envoyWhenQuotedValueHoldsSeparatorsAndEscapedQuoteThenReadAsOneValue() {
    assertThat(EnvoyClientCertificate.elements("Subject=\"CN=a,O=\\\"b; c\\\"\";URI=x,By=y"))
        .hasSize(2)
        .first()
        .satisfies(
            element -> {
              assertThat(element.get("subject")).isEqualTo("CN=a,O=\"b; c\"");
              assertThat(element.get("uri")).isEqualTo("x");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Cert=\"unterminated",
        "Hash=1;nokey",
        "=value",
        "Cert=\"a\"trailing",
        "Cert=\"-----BEGIN%20CERTIFICATE-----\"",
        "Cert=a;Cert=b",
      })
  void envoyWhenMalformedThenRefused(String value) {
    assertThatThrownBy(() -> new EnvoyClientCertificate().decode(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "::1, 0:0:0:0:0:0:0:1",
    "fe80::1%1, fe80:0:0:0:0:0:0:1",
    "::ffff:10.1.2.3, 10.1.2.3",
  })
  void peerWhenSocketLiteralThenAddressWithoutLookup(String literal, String expected)
      throws Exception {
    // As a socket reports it: from the JDK's address, scope id included.
    InetAddress peer =
        ClientCertificates.peer(
            SocketAddress.inetSocketAddress(
                new InetSocketAddress(InetAddress.getByName(literal), 443)));

    assertThat(peer).isEqualTo(InetAddress.getByName(expected));
  }

  // Through the gateway, over plain HTTP from 127.0.0.1 as the proxy.

  private Gateway start(String format, String trustedProxies) {
    return start(format, trustedProxies, null);
  }

  private Gateway start(String format, String trustedProxies, String tls) {
    String header = format.equals("nginx") ? "ssl-client-cert" : "x-forwarded-client-cert";
    return Http.await(
        Gateway.start(
            vertx,
            TlsTesting.config(
                upstream,
                tls,
                "  mtls:\n"
                    + "    forwarded_certificate:\n"
                    + "      header: "
                    + header
                    + "\n      format: "
                    + format
                    + "\n      trusted_proxies: ["
                    + trustedProxies
                    + "]\n",
                TlsTesting.selfSignedClient(client.certificate()))));
  }

  private static HttpResponse<String> push(Gateway gateway, String... headers) {
    return TlsTesting.push(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        TlsTesting.base(gateway, false),
        TlsTesting.SELF_SIGNED_CLIENT,
        headers);
  }

  private static void assertInvalidClient(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void pushWhenNginxHeaderFromTrustedProxyThenSelfSignedClientAuthenticated() {
    Gateway gateway = start("nginx", "127.0.0.1");

    HttpResponse<String> response =
        push(gateway, "ssl-client-cert", escaped(client.certificatePem()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void pushWhenEnvoyHeaderFromTrustedProxyThenSelfSignedClientAuthenticated() {
    Gateway gateway = start("envoy", "10.0.0.0/8, 127.0.0.0/8");

    HttpResponse<String> response = push(gateway, "x-forwarded-client-cert", xfcc(client, true));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void pushWhenHeaderFromUntrustedAddressThenIgnoredAndInvalidClient() {
    Gateway gateway = start("nginx", "10.0.0.0/8");

    assertInvalidClient(push(gateway, "ssl-client-cert", escaped(client.certificatePem())));
  }

  @Test
  void pushWhenMalformedHeaderFromTrustedProxyThenNoCertificateAndInvalidClient() {
    Gateway gateway = start("envoy", "127.0.0.1");

    assertInvalidClient(push(gateway, "x-forwarded-client-cert", "Cert=\"%zz"));
  }

  @Test
  void pushWhenTrustedProxySendsNoHeaderThenInvalidClient() {
    Gateway gateway = start("nginx", "127.0.0.1");

    assertInvalidClient(push(gateway));
  }

  @Test
  void pushWhenTrustedProxyPresentsCertificateOnItsConnectionThenNotTheClientsOne(
      @TempDir Path dir) {
    // The proxy's own certificate identifies the proxy: from a trusted proxy only the header
    // counts.
    TestCertificates server = TestCertificates.selfSignedServer(dir);
    Gateway gateway = start("nginx", "127.0.0.1", TlsTesting.tls(server, "client_auth: request"));

    assertInvalidClient(
        TlsTesting.push(
            TlsTesting.https(server, client, HttpClient.Version.HTTP_1_1),
            TlsTesting.base(gateway, true),
            TlsTesting.SELF_SIGNED_CLIENT));
  }

  @Test
  void pushWhenUntrustedPeerPresentsCertificateOnItsConnectionThenUsedAndHeaderIgnored(
      @TempDir Path dir) {
    TestCertificates server = TestCertificates.selfSignedServer(dir);
    TestCertificates other = TestCertificates.selfSignedClient("CN=other", KeyType.EC);
    Gateway gateway = start("nginx", "10.0.0.0/8", TlsTesting.tls(server, "client_auth: request"));

    HttpResponse<String> response =
        TlsTesting.push(
            TlsTesting.https(server, client, HttpClient.Version.HTTP_2),
            TlsTesting.base(gateway, true),
            TlsTesting.SELF_SIGNED_CLIENT,
            "ssl-client-cert",
            escaped(other.certificatePem()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void pushWhenHeaderLongerThanLimitThenIgnored() {
    Gateway gateway = start("envoy", "127.0.0.1");
    String padded =
        "By=\"" + "x".repeat(ClientCertificates.MAX_HEADER_CHARS) + "\";" + xfcc(client, false);

    assertInvalidClient(push(gateway, "x-forwarded-client-cert", padded));
  }
}
