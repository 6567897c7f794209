package io.pargateway.request;

import io.pargateway.client.RegisteredClient;
import java.util.List;

/** The checks a pushed request goes through, in the order they run. */
public final class PushedRequestChecks {

  private final List<PushedRequestCheck> checks;

  private PushedRequestChecks(List<PushedRequestCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The checks of the default profile (RFC 9126, RFC 6749, RFC 7636). */
  public static PushedRequestChecks defaults() {
    return new PushedRequestChecks(
        List.of(
            new RequestUriForbidden(),
            new ClientIdMatches(),
            new ResponseTypePresent(),
            new RedirectUriRegistered(),
            new PkceS256()));
  }

  /** Runs every check in order; the first broken rule throws. */
  public void check(RegisteredClient client, Parameters parameters) {
    for (PushedRequestCheck check : checks) {
      check.check(client, parameters);
    }
  }
}
