package io.pargateway.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered client. Names follow the client metadata of RFC 7591, RFC 9126 §6 and RFC 8705
 * §2.1.2.
 *
 * @param clientId the client identifier
 * @param tokenEndpointAuthMethod how it authenticates (also at the PAR endpoint, RFC 9126 §2.1):
 *     {@code client_secret_basic}, {@code client_secret_post}, {@code client_secret_jwt}, {@code
 *     private_key_jwt}, {@code tls_client_auth}, {@code self_signed_tls_client_auth} or {@code
 *     none}
 * @param clientSecret the shared secret for the {@code client_secret_*} methods; write it as {@code
 *     ${ENV_VAR}} to keep it out of the file
 * @param redirectUris registered redirect URIs, compared exactly
 * @param requirePushedAuthorizationRequests this client may only use PAR
 * @param requirePkce pushed requests must carry an S256 {@code code_challenge}
 * @param tokenEndpointAuthSigningAlg the one JWS algorithm its client assertions must use, or
 *     {@code null} for any of {@code client_authentication.assertion.algorithms}
 * @param jwks its public keys as an inline JWK Set ({@code {keys: [...]}}), as written; for {@code
 *     private_key_jwt} and {@code self_signed_tls_client_auth}
 * @param jwksUri where its JWK Set is fetched, instead of {@code jwks}
 * @param tlsClientAuthSubjectDn for {@code tls_client_auth}: the subject DN its certificate must
 *     have (RFC 4514 string)
 * @param tlsClientAuthSanDns for {@code tls_client_auth}: a dNSName SAN its certificate must have
 * @param tlsClientAuthSanUri for {@code tls_client_auth}: a uniformResourceIdentifier SAN its
 *     certificate must have
 * @param tlsClientAuthSanIp for {@code tls_client_auth}: an iPAddress SAN its certificate must have
 * @param tlsClientAuthSanEmail for {@code tls_client_auth}: an rfc822Name SAN its certificate must
 *     have
 */
public record ClientConfig(
    String clientId,
    String tokenEndpointAuthMethod,
    String clientSecret,
    List<String> redirectUris,
    boolean requirePushedAuthorizationRequests,
    boolean requirePkce,
    String tokenEndpointAuthSigningAlg,
    Map<String, Object> jwks,
    String jwksUri,
    String tlsClientAuthSubjectDn,
    String tlsClientAuthSanDns,
    String tlsClientAuthSanUri,
    String tlsClientAuthSanIp,
    String tlsClientAuthSanEmail) {

  public ClientConfig {
    redirectUris = List.copyOf(redirectUris);
    jwks = jwks == null ? null : immutableMap(jwks);
  }

  /** A deep, unmodifiable copy; unlike {@link Map#copyOf}, it keeps order and null values. */
  private static Map<String, Object> immutableMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), immutable(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object immutable(Object value) {
    if (value instanceof Map<?, ?> map) {
      return immutableMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(immutable(element)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
