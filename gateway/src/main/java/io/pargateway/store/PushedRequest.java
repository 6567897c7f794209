package io.pargateway.store;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated pushed authorization request: the client that pushed it and the full set of
 * authorization request parameters that will go to the upstream, in the order they came.
 */
public record PushedRequest(ClientId clientId, Map<String, String> parameters) {

  public PushedRequest {
    requireNonNull(clientId, "clientId");
    requireNonNull(parameters, "parameters");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}
