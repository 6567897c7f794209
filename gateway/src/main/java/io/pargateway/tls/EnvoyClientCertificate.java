package io.pargateway.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Envoy's {@code x-forwarded-client-cert} (XFCC): elements separated by {@code ,}, one per proxy
 * that added one, each of {@code key=value} pairs separated by {@code ;}. Keys are
 * case-insensitive; a value holding {@code ,}, {@code ;} or {@code =} is double-quoted, with {@code
 * \"} for a quote inside.
 *
 * <p>Only the last element counts: a proxy appends its own at the end, so the last one is from the
 * proxy in front of the gateway, which is the trusted one; earlier ones came from further out,
 * where a client may have written them. Of that element, {@code Cert} is the URL-encoded PEM leaf
 * and {@code Chain}, when present, the URL-encoded PEM chain with the leaf. An element without
 * either means the client presented no certificate.
 */
final class EnvoyClientCertificate implements ForwardedCertificateFormat {

  @Override
  public List<X509Certificate> decode(String value) {
    List<Map<String, String>> elements = elements(value);
    Map<String, String> nearest = elements.get(elements.size() - 1);
    String cert = nearest.get("cert");
    String chain = nearest.get("chain");
    if (cert == null && chain == null) {
      return List.of();
    }
    List<X509Certificate> chainCertificates =
        chain == null ? List.of() : PemCertificates.parse(PemCertificates.percentDecode(chain));
    if (cert == null) {
      return chainCertificates;
    }
    X509Certificate leaf = PemCertificates.parse(PemCertificates.percentDecode(cert)).get(0);
    List<X509Certificate> result = new ArrayList<>();
    result.add(leaf);
    for (X509Certificate certificate : chainCertificates) {
      if (!certificate.equals(leaf)) {
        result.add(certificate);
      }
    }
    return List.copyOf(result);
  }

  /**
   * The elements of {@code value}, each as its pairs with lower-case keys.
   *
   * @throws IllegalArgumentException for a pair without {@code =}, an unterminated quote, text
   *     after a closing quote, or a key given twice in an element
   */
  static List<Map<String, String>> elements(String value) {
    List<Map<String, String>> elements = new ArrayList<>();
    Map<String, String> element = new HashMap<>();
    StringBuilder token = new StringBuilder();
    String key = null;
    boolean quoted = false;
    boolean closed = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < value.length()) {
          token.append(value.charAt(++i));
        } else if (c == '"') {
          quoted = false;
          closed = true;
        } else {
          token.append(c);
        }
      } else if (c == '"' && key != null && token.toString().isBlank() && !closed) {
        token.setLength(0);
        quoted = true;
      } else if (c == '=' && key == null) {
        key = token.toString().trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
          throw new IllegalArgumentException("a pair has no key");
        }
        token.setLength(0);
      } else if (c == ';' || c == ',') {
        put(element, key, token, closed);
        key = null;
        closed = false;
        token.setLength(0);
        if (c == ',') {
          elements.add(element);
          element = new HashMap<>();
        }
      } else if (closed && !Character.isWhitespace(c)) {
        throw new IllegalArgumentException("text after a quoted value");
      } else {
        token.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted value is not closed");
    }
    put(element, key, token, closed);
    elements.add(element);
    return elements;
  }

  private static void put(
      Map<String, String> element, String key, StringBuilder token, boolean quoted) {
    if (key == null) {
      if (token.toString().isBlank()) {
        return; // An empty pair, e.g. a trailing ;.
      }
      throw new IllegalArgumentException("a pair has no =");
    }
    String value = quoted ? token.toString() : token.toString().trim();
    if (element.putIfAbsent(key, value) != null && (key.equals("cert") || key.equals("chain"))) {
      throw new IllegalArgumentException("an element has two " + key + " values");
    }
  }
}
