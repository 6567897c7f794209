package io.pargateway.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.config.ClientConfig;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;

/**
 * Turns a validated {@link ClientConfig} into a {@link RegisteredClient}, parsing everything once
 * at start.
 */
final class ConfiguredClients {

  private ConfiguredClients() {}

  /**
   * @throws IllegalArgumentException for a value the configuration validator refuses
   */
  static RegisteredClient toClient(ClientConfig config) {
    AuthMethod method = AuthMethod.fromMetadataName(config.tokenEndpointAuthMethod());
    RegisteredClient.Builder client =
        RegisteredClient.builder(new ClientId(config.clientId()), method)
            .redirectUris(config.redirectUris())
            .requirePushedAuthorizationRequests(config.requirePushedAuthorizationRequests())
            .requirePkce(config.requirePkce())
            .keys(keys(config));
    if (isSet(config.clientSecret())) {
      // Only client_secret_jwt needs the secret itself; the others keep a digest.
      client.secret(
          method == AuthMethod.CLIENT_SECRET_JWT
              ? ClientSecret.withHmacKey(config.clientSecret())
              : ClientSecret.of(config.clientSecret()));
    }
    if (isSet(config.tokenEndpointAuthSigningAlg())) {
      client.signingAlgorithm(JWSAlgorithm.parse(config.tokenEndpointAuthSigningAlg()));
    }
    client.tlsSubject(tlsSubject(config));
    return client.build();
  }

  private static ClientKeys keys(ClientConfig config) {
    if (config.jwks() != null) {
      return ClientKeys.ofInline(parseJwks(config.jwks()));
    }
    if (isSet(config.jwksUri())) {
      return ClientKeys.ofUri(URI.create(config.jwksUri()));
    }
    return ClientKeys.NONE;
  }

  private static JWKSet parseJwks(Map<String, Object> jwks) {
    try {
      return JWKSet.parse(jwks);
    } catch (ParseException e) {
      throw new IllegalArgumentException("jwks is not a valid JWK Set", e);
    }
  }

  /** The one {@code tls_client_auth_*} value given, or {@code null}. */
  private static TlsSubject tlsSubject(ClientConfig config) {
    String[] values = {
      config.tlsClientAuthSubjectDn(),
      config.tlsClientAuthSanDns(),
      config.tlsClientAuthSanUri(),
      config.tlsClientAuthSanIp(),
      config.tlsClientAuthSanEmail()
    };
    TlsSubject.Kind[] kinds = TlsSubject.Kind.values();
    for (int i = 0; i < values.length; i++) {
      if (isSet(values[i])) {
        return new TlsSubject(kinds[i], values[i]);
      }
    }
    return null;
  }

  /** As the validator reads it: empty text is not given. */
  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
