package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.AuthMethod;
import io.pargateway.client.RegisteredClient;

/**
 * An authenticated client and the method it used.
 *
 * @param client the client
 * @param method how it authenticated; must be its registered method
 */
public record Authentication(RegisteredClient client, AuthMethod method) {

  public Authentication {
    requireNonNull(client, "client");
    requireNonNull(method, "method");
  }
}
