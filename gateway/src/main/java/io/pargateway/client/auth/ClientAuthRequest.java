package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.request.Parameters;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a request offers to authenticate its client.
 *
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param form the form parameters of the request body
 * @param certificates the client's certificate chain, leaf first, from the TLS connection or from a
 *     trusted proxy's header; empty when none was presented. Not validated: the strategy that uses
 *     it decides how (RFC 8705 §2.1 against trust anchors, §2.2 against registered keys).
 */
public record ClientAuthRequest(
    String authorization, Parameters form, List<X509Certificate> certificates) {

  public ClientAuthRequest {
    requireNonNull(form, "form");
    certificates = List.copyOf(certificates);
  }

  /** A request without a client certificate. */
  public ClientAuthRequest(String authorization, Parameters form) {
    this(authorization, form, List.of());
  }
}
