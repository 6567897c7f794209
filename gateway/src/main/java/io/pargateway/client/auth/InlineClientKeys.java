package io.pargateway.client.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;

/** The keys registered inline in the configuration ({@code jwks}); a client with none has none. */
final class InlineClientKeys implements ClientKeySource {

  @Override
  public Future<JWKSet> keys(RegisteredClient client, boolean refresh) {
    return client
        .keys()
        .inline()
        .map(Future::succeededFuture)
        .orElseGet(
            () ->
                Future.failedFuture(
                    OAuthException.invalidClient("client authentication failed", null)
                        .withDetail("no inline keys")));
  }
}
