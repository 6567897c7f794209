package io.pargateway.request;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.RegisteredClient;
import io.pargateway.client.auth.ClientAuthRequest;
import io.pargateway.client.auth.ClientAuthenticator;
import io.pargateway.store.PushedRequest;
import io.pargateway.store.PushedRequestStore;
import io.pargateway.store.RequestUri;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The PAR endpoint's protocol steps, in order (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-2">RFC 9126 §2</a>): authenticate the
 * client, check the request, store it under a fresh request_uri, and report it once the store
 * confirmed the write.
 */
public final class PushService {

  private final ClientAuthenticator authenticator;
  private final PushedRequestChecks checks;
  private final PushedRequestStore store;
  private final Duration lifetime;
  private final SecureRandom random;

  public PushService(
      ClientAuthenticator authenticator,
      PushedRequestChecks checks,
      PushedRequestStore store,
      Duration lifetime,
      SecureRandom random) {
    this.authenticator = requireNonNull(authenticator, "authenticator");
    this.checks = requireNonNull(checks, "checks");
    this.store = requireNonNull(store, "store");
    this.lifetime = requireNonNull(lifetime, "lifetime");
    this.random = requireNonNull(random, "random");
  }

  /**
   * Pushes the request in {@code input}. Fails with an {@link io.pargateway.oauth.OAuthException}
   * for a request the gateway refuses, and with a {@link
   * io.pargateway.store.StoreUnavailableException} when nothing could be stored.
   */
  public Future<PushResult> push(ClientAuthRequest input) {
    return authenticator.authenticate(input).compose(client -> store(client, input.form()));
  }

  private Future<PushResult> store(RegisteredClient client, Parameters form) {
    checks.check(client, form);
    // What goes upstream is the checked parameter set, never the client's credentials.
    Parameters parameters =
        form.without(ClientAuthenticator.CREDENTIAL_PARAMETERS)
            .withFirst("client_id", client.id().value());
    RequestUri requestUri = RequestUri.generate(random);
    return store
        .put(requestUri, new PushedRequest(client.id(), parameters.asMap()), lifetime)
        .map(stored -> new PushResult(client.id(), requestUri, lifetime.toSeconds()));
  }
}
