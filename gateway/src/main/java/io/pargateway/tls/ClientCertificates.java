package io.pargateway.tls;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pargateway.config.ClientAuthenticationConfig.ForwardedCertificateConfig;
import io.pargateway.config.ClientAuthenticationConfig.MtlsConfig;
import io.pargateway.config.IpRange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate chain a client presented, leaf first; empty when it presented none. Nothing is
 * validated here: the client's registered method decides what the chain is worth (RFC 8705 §2).
 *
 * <p>Where it comes from depends on the TCP peer, never on a header such as {@code
 * X-Forwarded-For}:
 *
 * <ul>
 *   <li>a peer in {@code forwarded_certificate.trusted_proxies}: the proxy terminated the client's
 *       TLS, so only its {@code forwarded_certificate.header} counts (<a
 *       href="https://datatracker.ietf.org/doc/html/rfc8705#section-6.5">RFC 8705 §6.5</a>); a
 *       certificate on the proxy's own connection is the proxy's, not the client's, and is not
 *       used. No header, or one that cannot be read, is no certificate.
 *   <li>any other peer: only the certificate of its own TLS connection; the header is ignored, so a
 *       client cannot forward a certificate for itself.
 * </ul>
 */
public final class ClientCertificates {

  /** Longest header value read: a chain of a few certificates, URL-encoded, fits several times. */
  public static final int MAX_HEADER_CHARS = 16 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ClientCertificates.class);

  private final String header;
  private final ForwardedCertificateFormat format;
  private final List<IpRange> trustedProxies;

  /** Parsed header values by their SHA-256: a kept-alive client sends the same one each time. */
  private final Cache<String, List<X509Certificate>> forwarded =
      Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  /** Reads certificates as {@code mtls} says: from proxies' headers when it names a header. */
  public ClientCertificates(MtlsConfig mtls) {
    requireNonNull(mtls, "mtls");
    ForwardedCertificateConfig config = mtls.forwardedCertificate();
    boolean forwarding = config != null && config.header() != null && !config.header().isEmpty();
    this.header = forwarding ? config.header() : null;
    this.format = forwarding ? ForwardedCertificateFormat.of(config.format()) : null;
    this.trustedProxies = forwarding ? config.trustedProxyRanges() : List.of();
  }

  /** The chain the client of {@code request} presented; see the class comment for which. */
  public List<X509Certificate> of(HttpServerRequest request) {
    if (header == null) {
      return fromConnection(request);
    }
    InetAddress peer = peer(request.connection().remoteAddress());
    if (peer != null && trustedProxies.stream().anyMatch(range -> range.contains(peer))) {
      return fromHeader(request.headers().getAll(header), peer);
    }
    if (request.headers().contains(header)) {
      LOG.debug("{} header ignored: {} is not a trusted proxy", header, peer);
    }
    return fromConnection(request);
  }

  private List<X509Certificate> fromHeader(List<String> values, InetAddress peer) {
    if (values.isEmpty()) {
      return List.of();
    }
    if (values.size() > 1 || values.get(0).length() > MAX_HEADER_CHARS) {
      LOG.debug("{} header from {} ignored: more than one, or too long", header, peer);
      return List.of();
    }
    String value = values.get(0);
    String key = sha256(value);
    List<X509Certificate> chain = forwarded.getIfPresent(key);
    if (chain != null) {
      return chain;
    }
    try {
      chain = format.decode(value);
    } catch (IllegalArgumentException e) {
      // The value holds the client's certificate; the reason says what is wrong without it.
      LOG.debug("{} header from {} ignored: {}", header, peer, e.getMessage());
      return List.of();
    }
    forwarded.put(key, chain);
    return chain;
  }

  /**
   * The certificates of the request's own TLS connection; over HTTP/2 that is the connection the
   * stream belongs to.
   */
  private static List<X509Certificate> fromConnection(HttpServerRequest request) {
    if (!request.isSSL()) {
      return List.of();
    }
    try {
      List<Certificate> chain = request.connection().peerCertificates();
      if (chain == null) {
        return List.of();
      }
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

  /**
   * The peer's IP address, parsed from the literal the socket reports (no name is looked up); an
   * IPv4-mapped IPv6 address as IPv4, as trusted ranges are written; {@code null} for a peer
   * without one (a Unix domain socket).
   */
  static InetAddress peer(SocketAddress address) {
    String literal = address == null ? null : address.hostAddress();
    if (literal == null || literal.isEmpty()) {
      return null;
    }
    int zone = literal.indexOf('%');
    try {
      InetAddress parsed = IpRange.parseLiteral(zone < 0 ? literal : literal.substring(0, zone));
      byte[] bytes = parsed.getAddress();
      if (bytes.length == 16 && isIpv4Mapped(bytes)) {
        return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
      }
      return parsed;
    } catch (IllegalArgumentException | UnknownHostException e) {
      return null;
    }
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static String sha256(String value) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
