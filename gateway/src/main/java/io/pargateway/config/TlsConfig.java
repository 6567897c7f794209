package io.pargateway.config;

/**
 * TLS server credentials from PEM files, whether the listener asks clients for a certificate, and
 * which TLS implementation serves it.
 *
 * @param certPath certificate chain, leaf first
 * @param keyPath private key (PKCS#8, or PKCS#1 for RSA)
 * @param clientAuth whether TLS clients are asked for a certificate; {@code null} (not written)
 *     means {@link ClientAuth#NONE}
 * @param engine the TLS implementation; {@code null} (not written) means {@link Engine#AUTO}
 */
public record TlsConfig(String certPath, String keyPath, ClientAuth clientAuth, Engine engine) {

  public TlsConfig {
    // tls has no defaults of its own (an empty tls means plain HTTP), so the defaults are here.
    if (clientAuth == null) {
      clientAuth = ClientAuth.NONE;
    }
    if (engine == null) {
      engine = Engine.AUTO;
    }
  }

  /** Whether the TLS handshake asks the client for a certificate. */
  public enum ClientAuth {
    /** No certificate is asked for. */
    NONE,
    /**
     * A certificate is asked for but not required, for the mutual-TLS client authentication methods
     * (<a href="https://datatracker.ietf.org/doc/html/rfc8705#section-2">RFC 8705 §2</a>). The
     * handshake does not judge the certificate; the client authentication does. Browsers may show a
     * certificate prompt, so keep the authorization endpoint on another listener.
     */
    REQUEST
  }

  /** The TLS implementation of a listener. */
  public enum Engine {
    /** OpenSSL (BoringSSL from netty-tcnative) when its native library loads, else the JDK's. */
    AUTO,
    /** OpenSSL only: the start fails when its native library does not load. */
    OPENSSL,
    /** The JDK's own TLS, e.g. to compare it with OpenSSL. */
    JDK
  }
}
