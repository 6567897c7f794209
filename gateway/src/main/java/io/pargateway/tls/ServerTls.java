package io.pargateway.tls;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.OpenSsl;
import io.pargateway.config.TlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The TLS settings of one listener: TLS 1.2 and 1.3 only, under TLS 1.2 only the cipher suites FAPI
 * 2.0 allows, ALPN with HTTP/2 and HTTP/1.1, PEM credentials, on the OpenSSL engine (BoringSSL from
 * netty-tcnative) or the JDK's.
 *
 * <p>Session resumption is on, as both engines have it by default: TLS 1.3 by session tickets (sent
 * with the server's first answer), TLS 1.2 by session id from a server-side cache; the JDK engine
 * also issues TLS 1.2 tickets, the OpenSSL one only with {@code
 * -Djdk.tls.server.enableSessionTicketExtension=true}, which netty reads too. Tickets and cache
 * belong to one listener's TLS context in one process: a new certificate, another replica or a
 * restart means a full handshake.
 */
public final class ServerTls {

  /**
   * With TLS 1.2 only these (FAPI 2.0 network layer, the list of <a
   * href="https://datatracker.ietf.org/doc/html/rfc7525#section-4.2">RFC 7525 §4.2</a>), in the
   * server's order of preference: ECDHE before DHE, AES-128 before AES-256. All four need an RSA
   * server key: with an EC key only TLS 1.3 clients can connect.
   */
  static final List<String> TLS12_CIPHER_SUITES =
      List.of(
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

  /**
   * The TLS 1.3 suites (<a href="https://datatracker.ietf.org/doc/html/rfc8446#appendix-B.4">RFC
   * 8446 §B.4</a>). Of these, the engine's defaults stay enabled; they must be listed, because a
   * list of TLS 1.2 suites alone turns TLS 1.3 off.
   */
  private static final Set<String> TLS13_CIPHER_SUITES =
      Set.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_AES_128_CCM_SHA256",
          "TLS_AES_128_CCM_8_SHA256");

  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final boolean openSsl;
  private final TlsConfig.ClientAuth clientAuth;
  private final List<String> tls12CipherSuites;
  private final List<String> tls13CipherSuites;

  private ServerTls(
      boolean openSsl,
      TlsConfig.ClientAuth clientAuth,
      List<String> tls12CipherSuites,
      List<String> tls13CipherSuites) {
    this.openSsl = openSsl;
    this.clientAuth = clientAuth;
    this.tls12CipherSuites = List.copyOf(tls12CipherSuites);
    this.tls13CipherSuites = List.copyOf(tls13CipherSuites);
  }

  /**
   * The settings for a listener with {@code config}.
   *
   * @throws IllegalStateException when {@code config} asks for the OpenSSL engine and its native
   *     library does not load
   */
  static ServerTls create(TlsConfig config) {
    requireNonNull(config, "config");
    boolean openSsl =
        switch (config.engine()) {
          case AUTO -> OpenSsl.isAvailable();
          case JDK -> false;
          case OPENSSL -> {
            if (!OpenSsl.isAvailable()) {
              throw new IllegalStateException("tls.engine is openssl, but " + unavailability());
            }
            yield true;
          }
        };
    Set<String> engineDefaults = openSsl ? openSslCipherSuites() : jdkDefaultCipherSuites();
    List<String> tls12 = TLS12_CIPHER_SUITES.stream().filter(engineDefaults::contains).toList();
    List<String> tls13 = engineDefaults.stream().filter(TLS13_CIPHER_SUITES::contains).toList();
    return new ServerTls(openSsl, config.clientAuth(), tls12, tls13);
  }

  /** One line for the start-up log: which engine serves TLS, and why when it is the fallback. */
  public static String describeEngine() {
    if (OpenSsl.isAvailable()) {
      return "OpenSSL engine (" + OpenSsl.versionString() + ")";
    }
    return "JDK engine: " + unavailability();
  }

  private static String unavailability() {
    Throwable cause = OpenSsl.unavailabilityCause();
    return "the OpenSSL native library did not load"
        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
  }

  /** Whether this listener runs on the OpenSSL engine. */
  boolean openSsl() {
    return openSsl;
  }

  /**
   * The TLS 1.2 cipher suites enabled: those of {@link #TLS12_CIPHER_SUITES} the engine has
   * (BoringSSL has no DHE).
   */
  List<String> tls12CipherSuites() {
    return tls12CipherSuites;
  }

  /** One line for the start-up log. */
  String describe() {
    List<String> missing = new ArrayList<>(TLS12_CIPHER_SUITES);
    missing.removeAll(tls12CipherSuites);
    return (openSsl ? "OpenSSL engine (" + OpenSsl.versionString() + ")" : "JDK engine")
        + ", TLSv1.2 and TLSv1.3, TLSv1.2 cipher suites "
        + tls12CipherSuites
        + (missing.isEmpty() ? "" : " (the engine lacks " + missing + ")")
        + ", TLSv1.3 cipher suites "
        + tls13CipherSuites
        + ", ALPN h2 and http/1.1"
        + (clientAuth == TlsConfig.ClientAuth.REQUEST ? ", client certificate requested" : "");
  }

  /**
   * Turns on TLS in {@code options}, serving {@code credentials}.
   *
   * <p>With client authentication {@code request}, a client certificate is asked for but not
   * required, and any certificate is let through the handshake: whether it authenticates a client
   * is decided per request by the client's registered method (RFC 8705 §2.1 validates the chain
   * against trust anchors, §2.2 does not validate it at all).
   */
  HttpServerOptions configure(HttpServerOptions options, PemCredentials credentials) {
    options
        .setSsl(true)
        .setSslEngineOptions(engineOptions())
        .setKeyCertOptions(keyCert(credentials))
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    cipherSuites().forEach(options::addEnabledCipherSuite);
    if (clientAuth == TlsConfig.ClientAuth.REQUEST) {
      options
          .setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(TrustOptions.wrap(AcceptAnyClientCertificate.INSTANCE));
    }
    return options;
  }

  /**
   * The same settings as {@link #configure} with other credentials, for {@code
   * HttpServer.updateSSLOptions}: the update replaces every TLS setting but the engine.
   */
  ServerSSLOptions sslOptions(PemCredentials credentials) {
    ServerSSLOptions options =
        new ServerSSLOptions()
            .setKeyCertOptions(keyCert(credentials))
            .setEnabledSecureTransportProtocols(PROTOCOLS)
            .setUseAlpn(true);
    cipherSuites().forEach(options::addEnabledCipherSuite);
    if (clientAuth == TlsConfig.ClientAuth.REQUEST) {
      options
          .setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(TrustOptions.wrap(AcceptAnyClientCertificate.INSTANCE));
    }
    return options;
  }

  private List<String> cipherSuites() {
    List<String> suites = new ArrayList<>(tls12CipherSuites);
    suites.addAll(tls13CipherSuites);
    return suites;
  }

  private SSLEngineOptions engineOptions() {
    // Both keep their server-side session cache on by default.
    return openSsl ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }

  /** The key and chain as read and checked, not the paths: what is served is what was checked. */
  private static KeyCertOptions keyCert(PemCredentials credentials) {
    return credentials.keyCertOptions();
  }

  private static Set<String> openSslCipherSuites() {
    return new LinkedHashSet<>(OpenSsl.availableJavaCipherSuites());
  }

  private static Set<String> jdkDefaultCipherSuites() {
    try {
      return new LinkedHashSet<>(
          Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }
}
