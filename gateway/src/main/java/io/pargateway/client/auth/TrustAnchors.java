package io.pargateway.client.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;

/** The CA certificates that {@code tls_client_auth} chains must lead to (RFC 8705 §2.1). */
public final class TrustAnchors {

  private TrustAnchors() {}

  /** Reads a PEM bundle; read once at start, off any event loop. */
  public static Set<TrustAnchor> load(Path pemBundle) {
    try (InputStream in = Files.newInputStream(pemBundle)) {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.add(new TrustAnchor((X509Certificate) certificate, null));
      }
      if (anchors.isEmpty()) {
        throw new IllegalArgumentException("no certificate in the trust anchors file");
      }
      return Set.copyOf(anchors);
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("trust anchors file cannot be read", e);
    }
  }
}
