package io.pargateway.config;

/**
 * TLS server credentials from PEM files, and whether the listener asks clients for a certificate.
 *
 * @param certPath certificate chain, leaf first
 * @param keyPath private key (PKCS#8, or PKCS#1 for RSA)
 * @param clientAuth whether TLS clients are asked for a certificate; {@code null} (not written)
 *     means {@link ClientAuth#NONE}
 */
public record TlsConfig(String certPath, String keyPath, ClientAuth clientAuth) {

  public TlsConfig {
    // tls has no defaults of its own (an empty tls means plain HTTP), so the default is here.
    if (clientAuth == null) {
      clientAuth = ClientAuth.NONE;
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
}
