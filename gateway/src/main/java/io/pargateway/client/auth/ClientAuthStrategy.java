package io.pargateway.client.auth;

import io.pargateway.client.AuthMethod;
import io.pargateway.client.RegisteredClient;
import io.vertx.core.Future;

/** One client authentication method. */
public interface ClientAuthStrategy {

  /** The method this strategy implements. */
  AuthMethod method();

  /**
   * Whether the request carries this method's credentials, well-formed or not. Reads only; never
   * fails.
   */
  boolean isPresented(ClientAuthRequest request);

  /**
   * Authenticates the client whose credentials {@link #isPresented are presented}: completes with
   * the registered client, or fails with an {@code invalid_client} {@link
   * io.pargateway.oauth.OAuthException}.
   */
  Future<RegisteredClient> authenticate(ClientAuthRequest request);
}
