package io.pargateway.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * NGINX's {@code $ssl_client_escaped_cert}, which the NGINX ingress controller sends as {@code
 * ssl-client-cert}: the client's certificate as URL-encoded PEM; empty when it presented none.
 */
final class NginxEscapedCertificate implements ForwardedCertificateFormat {

  @Override
  public List<X509Certificate> decode(String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    return PemCertificates.parse(PemCertificates.percentDecode(value));
  }
}
