package io.pargateway.tls;

import io.pargateway.config.ClientAuthenticationConfig.ForwardedCertificateConfig.Format;
import java.security.cert.X509Certificate;
import java.util.List;

/** How a TLS-terminating proxy writes the client's certificate into a request header. */
interface ForwardedCertificateFormat {

  /**
   * The certificate chain in {@code value}, leaf first; empty when the proxy says the client
   * presented none.
   *
   * @throws IllegalArgumentException when {@code value} is not of this format; the message never
   *     quotes it
   */
  List<X509Certificate> decode(String value);

  static ForwardedCertificateFormat of(Format format) {
    return switch (format) {
      case NGINX -> new NginxEscapedCertificate();
      case ENVOY -> new EnvoyClientCertificate();
    };
  }
}
