package io.pargateway.client;

import io.pargateway.config.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * A registry of the clients in a validated configuration, with their keys, secrets and subjects
   * parsed once, here.
   */
  static ClientRegistry fromConfig(List<ClientConfig> clients) {
    return of(clients.stream().map(ConfiguredClients::toClient).toList());
  }
}
