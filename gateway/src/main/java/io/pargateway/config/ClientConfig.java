package io.pargateway.config;

import java.util.List;

/**
 * One registered client. Names follow the client metadata of RFC 7591 and RFC 9126 §6.
 *
 * @param clientId the client identifier
 * @param tokenEndpointAuthMethod how it authenticates (also at the PAR endpoint, RFC 9126 §2.1):
 *     {@code client_secret_basic}, {@code client_secret_post} or {@code none}
 * @param clientSecret the shared secret for the {@code client_secret_*} methods; write it as {@code
 *     ${ENV_VAR}} to keep it out of the file
 * @param redirectUris registered redirect URIs, compared exactly
 * @param requirePushedAuthorizationRequests this client may only use PAR
 * @param requirePkce pushed requests must carry an S256 {@code code_challenge}
 */
public record ClientConfig(
    String clientId,
    String tokenEndpointAuthMethod,
    String clientSecret,
    List<String> redirectUris,
    boolean requirePushedAuthorizationRequests,
    boolean requirePkce) {

  public ClientConfig {
    redirectUris = List.copyOf(redirectUris);
  }
}
