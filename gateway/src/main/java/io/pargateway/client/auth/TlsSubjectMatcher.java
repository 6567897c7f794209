package io.pargateway.client.auth;

import io.pargateway.client.TlsSubject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a certificate carries the subject a {@code tls_client_auth} client registered (<a
 * href="https://datatracker.ietf.org/doc/html/rfc8705#section-2.1.2">RFC 8705 §2.1.2</a>): the
 * subject DN compared as distinguished names (RFC 4514), or one subjectAltName entry of the
 * registered type equal to the registered value.
 */
final class TlsSubjectMatcher {

  // GeneralName tags (RFC 5280 §4.2.1.6).
  private static final int RFC822_NAME = 1;
  private static final int DNS_NAME = 2;
  private static final int URI = 6;
  private static final int IP_ADDRESS = 7;

  private TlsSubjectMatcher() {}

  static boolean matches(TlsSubject subject, X509Certificate certificate) {
    return switch (subject.kind()) {
      case SUBJECT_DN ->
          new X500Principal(subject.value()).equals(certificate.getSubjectX500Principal());
      case SAN_DNS -> anyAltName(certificate, DNS_NAME, subject.value(), true);
      case SAN_URI -> anyAltName(certificate, URI, subject.value(), false);
      case SAN_EMAIL -> anyAltName(certificate, RFC822_NAME, subject.value(), false);
      case SAN_IP -> anyIpAltName(certificate, subject.value());
    };
  }

  private static boolean anyAltName(
      X509Certificate certificate, int type, String expected, boolean ignoreCase) {
    for (List<?> name : altNames(certificate)) {
      if (((Integer) name.get(0)) == type && name.get(1) instanceof String value) {
        if (ignoreCase ? value.equalsIgnoreCase(expected) : value.equals(expected)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyIpAltName(X509Certificate certificate, String expected) {
    InetAddress registered = literal(expected);
    if (registered == null) {
      return false;
    }
    for (List<?> name : altNames(certificate)) {
      if (((Integer) name.get(0)) == IP_ADDRESS && name.get(1) instanceof String value) {
        InetAddress presented = literal(value);
        if (registered.equals(presented)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A literal IPv4 or IPv6 address; never a name lookup. */
  private static InetAddress literal(String value) {
    String text = value.toLowerCase(Locale.ROOT);
    boolean literal =
        text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    if (!literal) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Collection<List<?>> altNames(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? List.of() : names;
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
