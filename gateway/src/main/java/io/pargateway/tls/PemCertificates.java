package io.pargateway.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Certificates as forwarded by proxies: URL-encoded PEM. */
final class PemCertificates {

  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

  private PemCertificates() {}

  /**
   * Undoes percent-encoding (RFC 3986 §2.1) of PEM text. A {@code +} stays a {@code +}, as in
   * base64: these proxies do not write a space as {@code +}.
   *
   * @throws IllegalArgumentException for a broken escape or a character that PEM text never holds
   */
  static String percentDecode(String value) {
    StringBuilder decoded = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()) {
          throw new IllegalArgumentException("a % escape is cut off");
        }
        int high = Character.digit(value.charAt(i + 1), 16);
        int low = Character.digit(value.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("a % escape is not followed by two hex digits");
        }
        c = (char) (high << 4 | low);
        i += 2;
      }
      if (c > 0x7e || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        throw new IllegalArgumentException("holds a character that PEM text never holds");
      }
      decoded.append(c);
    }
    return decoded.toString();
  }

  /**
   * The X.509 certificates in PEM text, in their order.
   *
   * @throws IllegalArgumentException when the text holds none, or one that does not parse
   */
  static List<X509Certificate> parse(String pem) {
    if (!pem.stripLeading().startsWith(BEGIN)) {
      throw new IllegalArgumentException("not a PEM certificate");
    }
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a readable X.509 certificate");
    }
    List<X509Certificate> chain = new ArrayList<>(certificates.size());
    for (Certificate certificate : certificates) {
      if (!(certificate instanceof X509Certificate x509)) {
        throw new IllegalArgumentException("not an X.509 certificate");
      }
      chain.add(x509);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("holds no certificate");
    }
    return List.copyOf(chain);
  }
}
