package io.pargateway.tls;

import io.netty.handler.ssl.OpenSsl;
import io.pargateway.config.TlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.util.Set;

/**
 * TLS for the gateway's listeners: PEM credentials, TLS 1.2 and 1.3 only, on the OpenSSL engine
 * (BoringSSL from netty-tcnative) when its native library loads, else on the JDK's.
 */
public final class ServerTls {

  private ServerTls() {}

  /** Whether the OpenSSL engine can be used in this process. */
  public static boolean openSslAvailable() {
    return OpenSsl.isAvailable();
  }

  /** One line for the start-up log: which engine serves TLS, and why when it is the fallback. */
  public static String describeEngine() {
    if (OpenSsl.isAvailable()) {
      return "OpenSSL engine (" + OpenSsl.versionString() + ")";
    }
    Throwable cause = OpenSsl.unavailabilityCause();
    return "JDK engine: the OpenSSL native library did not load"
        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
  }

  /**
   * Turns on TLS in {@code options} with {@code tls}'s credentials. With client authentication
   * {@code request}, a client certificate is asked for but not required, and any certificate is let
   * through the handshake: whether it authenticates a client is decided per request by the client's
   * registered method (RFC 8705 §2.1 validates the chain against trust anchors, §2.2 does not
   * validate it at all).
   */
  public static HttpServerOptions configure(HttpServerOptions options, TlsConfig tls) {
    if (tls.clientAuth() == TlsConfig.ClientAuth.REQUEST) {
      options
          .setClientAuth(ClientAuth.REQUEST)
          .setTrustOptions(TrustOptions.wrap(AcceptAnyClientCertificate.INSTANCE));
    }
    return options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(tls.certPath()).setKeyPath(tls.keyPath()))
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
        .setSslEngineOptions(
            OpenSsl.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
  }
}
