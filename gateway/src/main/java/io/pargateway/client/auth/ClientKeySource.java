package io.pargateway.client.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.client.RegisteredClient;
import io.vertx.core.Future;

/** The public keys a client registered: inline, or from its {@code jwks_uri}. */
public interface ClientKeySource {

  /**
   * The client's current keys. With {@code refresh}, keys from a {@code jwks_uri} are fetched again
   * unless that was done too recently (an unknown {@code kid} is the reason to ask). Fails with an
   * {@code invalid_client} error when the client has no usable keys.
   */
  Future<JWKSet> keys(RegisteredClient client, boolean refresh);

  /** Only the keys written in the configuration. */
  static ClientKeySource inline() {
    return new InlineClientKeys();
  }
}
