package io.pargateway.request;

import io.pargateway.client.RegisteredClient;

/**
 * One rule that a pushed authorization request must satisfy. A check reads; it never changes
 * anything. It throws an {@link io.pargateway.oauth.OAuthException} when the rule is broken.
 */
@FunctionalInterface
public interface PushedRequestCheck {

  void check(RegisteredClient client, Parameters parameters);
}
