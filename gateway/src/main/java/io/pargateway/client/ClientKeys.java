package io.pargateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.Optional;

/**
 * Where a client's public keys are: inline ({@code jwks}) or at a URL ({@code jwks_uri}), never
 * both (RFC 7591 §2). Used by {@code private_key_jwt} to verify assertions and by {@code
 * self_signed_tls_client_auth} to match the TLS certificate (RFC 8705 §2.2).
 *
 * <p>Inline keys were checked at start: public, RSA of 2048 bits or more, EC on P-256, P-384 or
 * P-521, or OKP Ed25519, no {@code oct}, each {@code use} (if given) {@code sig}. They need not
 * carry an {@code x5c} certificate: a self-signed certificate proves nothing beyond its public key,
 * so it is matched by public key.
 *
 * @param inline the registered JWK Set, parsed
 * @param jwksUri where the JWK Set is fetched
 */
public record ClientKeys(Optional<JWKSet> inline, Optional<URI> jwksUri) {

  /** A client without keys. */
  public static final ClientKeys NONE = new ClientKeys(Optional.empty(), Optional.empty());

  public ClientKeys {
    requireNonNull(inline, "inline");
    requireNonNull(jwksUri, "jwksUri");
    if (inline.isPresent() && jwksUri.isPresent()) {
      throw new IllegalArgumentException("jwks and jwks_uri are exclusive");
    }
  }

  /** Keys registered inline. */
  public static ClientKeys ofInline(JWKSet jwks) {
    return new ClientKeys(Optional.of(jwks), Optional.empty());
  }

  /** Keys fetched from {@code jwksUri}. */
  public static ClientKeys ofUri(URI jwksUri) {
    return new ClientKeys(Optional.empty(), Optional.of(jwksUri));
  }

  /** Whether the client has keys, inline or by URL. */
  public boolean isPresent() {
    return inline.isPresent() || jwksUri.isPresent();
  }
}
