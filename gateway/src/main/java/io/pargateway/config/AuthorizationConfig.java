package io.pargateway.config;

/**
 * The authorization endpoint the gateway serves in front of the upstream's.
 *
 * @param path where the gateway serves it; defaults to the upstream's authorization path so that
 *     the upstream's discovery document stays true
 * @param forwardMode how a redeemed request reaches the upstream
 */
public record AuthorizationConfig(String path, ForwardMode forwardMode) {

  /** How a redeemed pushed request goes to the upstream. */
  public enum ForwardMode {
    /**
     * The gateway calls the upstream itself and streams its answer back; the parameters never
     * appear in the browser.
     */
    PROXY,
    /** A 303 to the upstream with the parameters in the query, for upstreams on another origin. */
    REDIRECT
  }
}
