package io.pargateway.client;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The one certificate subject value a {@code tls_client_auth} client registered (<a
 * href="https://datatracker.ietf.org/doc/html/rfc8705#section-2.1.2">RFC 8705 §2.1.2</a>), as
 * written. Only a value: matching a certificate against it is the authenticator's work.
 *
 * @param kind which metadata value it is
 * @param value the value: an RFC 4514 DN, a DNS name, an absolute URI, an IPv4 or IPv6 address, or
 *     an email address
 */
public record TlsSubject(Kind kind, String value) {

  public TlsSubject {
    requireNonNull(kind, "kind");
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(kind.metadataName() + " is empty");
    }
  }

  /** The RFC 8705 §2.1.2 client metadata values, in the order of the RFC. */
  public enum Kind {
    /** {@code tls_client_auth_subject_dn}: the subject DN, compared per RFC 4514. */
    SUBJECT_DN,
    /** {@code tls_client_auth_san_dns}: a dNSName SAN entry. */
    SAN_DNS,
    /** {@code tls_client_auth_san_uri}: a uniformResourceIdentifier SAN entry. */
    SAN_URI,
    /** {@code tls_client_auth_san_ip}: an iPAddress SAN entry, IPv4 or IPv6. */
    SAN_IP,
    /** {@code tls_client_auth_san_email}: an rfc822Name SAN entry. */
    SAN_EMAIL;

    /** The metadata name, e.g. {@code tls_client_auth_san_dns}. */
    public String metadataName() {
      return "tls_client_auth_" + name().toLowerCase(Locale.ROOT);
    }
  }
}
