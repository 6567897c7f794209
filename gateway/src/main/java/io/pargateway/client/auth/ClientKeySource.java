package io.pargateway.client.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.client.RegisteredClient;
import io.pargateway.config.ClientAuthenticationConfig.JwksConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The public keys a client registered: inline, or from its {@code jwks_uri}. */
public interface ClientKeySource {

  /**
   * The client's current keys. With {@code refresh}, keys from a {@code jwks_uri} are fetched again
   * unless that was done too recently (an unknown {@code kid} is the reason to ask). Fails with an
   * {@code invalid_client} error when the client has no usable keys.
   */
  Future<JWKSet> keys(RegisteredClient client, boolean refresh);

  /** Releases what the source holds (connections); the default holds nothing. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Only the keys written in the configuration. */
  static ClientKeySource inline() {
    return new InlineClientKeys();
  }

  /**
   * Inline keys, and keys fetched from {@code jwks_uri} with a web client on {@code vertx}, cached
   * and refreshed as {@code config} says. Thread-safe: one instance is meant for the whole process;
   * {@link #close} it on shutdown.
   */
  static ClientKeySource create(Vertx vertx, JwksConfig config) {
    return CachingClientKeys.create(vertx, config);
  }
}
