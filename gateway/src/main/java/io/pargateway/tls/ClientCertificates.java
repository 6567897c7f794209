package io.pargateway.tls;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The certificate chain a client presented on its TLS connection, leaf first; empty when it
 * presented none or the connection is not TLS. Nothing is validated here.
 */
public final class ClientCertificates {

  /** Reads the chain from the request's connection. */
  public List<X509Certificate> of(HttpServerRequest request) {
    if (!request.isSSL()) {
      return List.of();
    }
    try {
      List<Certificate> chain = request.connection().peerCertificates();
      List<X509Certificate> x509 = new ArrayList<>(chain.size());
      for (Certificate certificate : chain) {
        if (certificate instanceof X509Certificate c) {
          x509.add(c);
        }
      }
      return List.copyOf(x509);
    } catch (SSLPeerUnverifiedException e) {
      // The client chose not to send one: with client_auth `request` that is allowed.
      return List.of();
    }
  }
}
