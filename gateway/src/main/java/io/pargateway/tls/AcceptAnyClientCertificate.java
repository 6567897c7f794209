package io.pargateway.tls;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Lets every client certificate through the TLS handshake, and trusts it for nothing: the
 * certificate only becomes a credential when the client authentication step checks it against the
 * client's registration. A server certificate is never checked with this.
 */
final class AcceptAnyClientCertificate implements X509TrustManager {

  static final AcceptAnyClientCertificate INSTANCE = new AcceptAnyClientCertificate();

  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private AcceptAnyClientCertificate() {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Checked per request by the client's registered method.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("not a client trust manager");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }
}
