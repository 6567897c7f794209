package io.pargateway.config;

import java.util.List;

/**
 * The whole configuration, immutable, as loaded and validated by {@link ConfigLoader}.
 *
 * @param issuer the public issuer identifier of the upstream OP, which the gateway fronts at the
 *     same public origin; every audience check is against it
 * @param listeners where the gateway accepts connections
 * @param server process-level settings
 * @param upstream the OpenID Provider behind the gateway
 * @param par the pushed authorization request endpoint
 * @param authorization the authorization endpoint
 * @param store where pushed requests are kept
 * @param clients the registered clients
 * @param clientAuthentication how clients authenticate with assertions and certificates, for all of
 *     them
 */
public record GatewayConfig(
    String issuer,
    List<ListenerConfig> listeners,
    ServerConfig server,
    UpstreamConfig upstream,
    ParConfig par,
    AuthorizationConfig authorization,
    StoreConfig store,
    List<ClientConfig> clients,
    ClientAuthenticationConfig clientAuthentication) {

  public GatewayConfig {
    listeners = List.copyOf(listeners);
    clients = List.copyOf(clients);
  }
}
