package io.pargateway.client;

import io.pargateway.config.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds registered clients. */
public interface ClientRegistry {

  /** The client registered under {@code id}, if any. */
  Optional<RegisteredClient> find(ClientId id);

  /**
   * The client registered under the raw {@code client_id} value, if it is well-formed and known.
   */
  default Optional<RegisteredClient> find(String clientId) {
    return ClientId.tryParse(clientId).flatMap(this::find);
  }

  /** A registry of a fixed list of clients. */
  static ClientRegistry of(List<RegisteredClient> clients) {
    Map<ClientId, RegisteredClient> byId =
        clients.stream()
            .collect(Collectors.toUnmodifiableMap(RegisteredClient::id, Function.identity()));
    return id -> Optional.ofNullable(byId.get(id));
  }

  /** A registry of the clients in the configuration. */
  static ClientRegistry fromConfig(List<ClientConfig> clients) {
    return of(clients.stream().map(ClientRegistry::toClient).toList());
  }

  private static RegisteredClient toClient(ClientConfig config) {
    return new RegisteredClient(
        new ClientId(config.clientId()),
        AuthMethod.fromMetadataName(config.tokenEndpointAuthMethod()),
        Optional.ofNullable(config.clientSecret()).map(ClientSecret::of),
        Set.copyOf(config.redirectUris()),
        config.requirePushedAuthorizationRequests(),
        config.requirePkce());
  }
}
