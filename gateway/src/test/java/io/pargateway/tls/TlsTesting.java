package io.pargateway.tls;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.pargateway.Gateway;
import io.pargateway.config.ConfigLoader;
import io.pargateway.config.GatewayConfig;
import io.pargateway.testing.Http;
import io.pargateway.testing.Pushes;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Gateway configurations and clients for the TLS tests. */
final class TlsTesting {

  static final String SELF_SIGNED_CLIENT = "self-signed-client";
  static final String PKI_CLIENT = "pki-client";
  static final String PKI_CLIENT_DN = "CN=pki-client,O=Example";

  private TlsTesting() {}

  /**
   * {@code {cert_path: ..., key_path: ...}} plus {@code extra} entries, e.g. {@code client_auth:
   * request}.
   */
  static String tls(TestCertificates server, String... extra) {
    StringBuilder yaml =
        new StringBuilder("{cert_path: \"")
            .append(server.certPath())
            .append("\", key_path: \"")
            .append(server.keyPath())
            .append('"');
    for (String entry : extra) {
      yaml.append(", ").append(entry);
    }
    return yaml.append('}').toString();
  }

  /**
   * A gateway configuration with the Basic test client and {@code clients}, on one listener at
   * 127.0.0.1 with {@code tls} (or plain HTTP when {@code null}), and {@code clientAuthentication}
   * as the body of {@code client_authentication} (or nothing).
   */
  static GatewayConfig config(
      UpstreamOp upstream, String tls, String clientAuthentication, String... clients) {
    StringBuilder yaml =
        new StringBuilder()
            .append("issuer: \"http://localhost/default\"\n")
            .append("listeners:\n")
            .append("  - host: 127.0.0.1\n")
            .append("    port: 0\n");
    if (tls != null) {
      yaml.append("    tls: ").append(tls).append('\n');
    }
    yaml.append("server: {verticles: 2, shutdown_timeout_ms: 2000}\n")
        .append("upstream:\n")
        .append("  base_url: \"")
        .append(upstream.baseUrl())
        .append("\"\n")
        .append("  authorization_path: \"")
        .append(upstream.authorizationPath())
        .append("\"\n");
    if (clientAuthentication != null) {
      yaml.append("client_authentication:\n").append(clientAuthentication);
    }
    yaml.append("clients:\n")
        .append("  - client_id: ")
        .append(TestConfigs.BASIC_CLIENT)
        .append("\n    client_secret: ")
        .append(TestConfigs.BASIC_SECRET)
        .append("\n    redirect_uris: [\"")
        .append(TestConfigs.REDIRECT_URI)
        .append("\"]\n");
    for (String client : clients) {
      yaml.append(client);
    }
    return ConfigLoader.fromYaml(yaml.toString(), Map.of());
  }

  /** A {@code self_signed_tls_client_auth} client registered with {@code certificate}'s key. */
  static String selfSignedClient(X509Certificate certificate) {
    return "  - client_id: "
        + SELF_SIGNED_CLIENT
        + "\n    token_endpoint_auth_method: self_signed_tls_client_auth\n"
        + "    jwks: {keys: ["
        + publicJwk(certificate)
        + "]}\n    redirect_uris: [\""
        + TestConfigs.REDIRECT_URI
        + "\"]\n";
  }

  /** A {@code tls_client_auth} client whose certificate has the subject {@link #PKI_CLIENT_DN}. */
  static String pkiClient() {
    return "  - client_id: "
        + PKI_CLIENT
        + "\n    token_endpoint_auth_method: tls_client_auth\n"
        + "    tls_client_auth_subject_dn: \""
        + PKI_CLIENT_DN
        + "\"\n    redirect_uris: [\""
        + TestConfigs.REDIRECT_URI
        + "\"]\n";
  }

  /** The public key of {@code certificate} as a JWK in JSON, which is YAML too. */
  static String publicJwk(X509Certificate certificate) {
    try {
      Map<String, Object> members = JWK.parse(certificate).toPublicJWK().toJSONObject();
      // Only the key: its x5c and thumbprints are not needed to match the certificate.
      members.keySet().retainAll(Set.of("kty", "crv", "x", "y", "n", "e"));
      return new JsonObject(members).encode();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PAR form of {@link Pushes#validRequest()} with {@code client_id}. */
  static String pushForm(String clientId) {
    Map<String, String> form = new java.util.LinkedHashMap<>(Pushes.validRequest());
    form.put("client_id", clientId);
    return Http.form(form);
  }

  /** POST /par with {@code headers} (name, value, ...) through {@code client}. */
  static HttpResponse<String> push(
      HttpClient client, String base, String clientId, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/par"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(pushForm(clientId)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(client, request.build());
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTPS client that trusts {@code server} and presents {@code client}, if not null. */
  static HttpClient https(
      TestCertificates server, TestCertificates client, HttpClient.Version version) {
    return HttpClient.newBuilder()
        .sslContext(server.clientContext(client))
        .version(version)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static String base(Gateway gateway, boolean tls) {
    return (tls ? "https://localhost:" : "http://127.0.0.1:") + gateway.port();
  }

  /** A TLS socket to the gateway from {@code context}, handshake done. */
  static SSLSocket connect(SSLContext context, int port, String protocol, String... suites)
      throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {protocol});
    if (suites.length > 0) {
      socket.setEnabledCipherSuites(suites);
    }
    socket.startHandshake();
    return socket;
  }

  /** One {@code GET path} over {@code socket}, keeping it open; the status code. */
  static int get(SSLSocket socket, String path) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    // Not closed: the socket stays open for the next request.
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    String status = in.readLine();
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read();
    }
    return Integer.parseInt(status.split(" ")[1]);
  }
}
