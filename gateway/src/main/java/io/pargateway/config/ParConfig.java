package io.pargateway.config;

/**
 * The pushed authorization request endpoint (RFC 9126).
 *
 * @param path where the endpoint is served, e.g. {@code /par}
 * @param requestUriLifetimeSeconds {@code expires_in} of issued request_uri values, and their time
 *     to live in the store; 1 to 600 (FAPI 2.0 wants less than 600)
 * @param requirePushedAuthorizationRequests refuse authorization requests that did not come through
 *     PAR, for every client (RFC 9126 §5)
 * @param maxBodyBytes largest accepted body; larger gets 413
 * @param maxParameters most form parameters accepted in one request
 */
public record ParConfig(
    String path,
    int requestUriLifetimeSeconds,
    boolean requirePushedAuthorizationRequests,
    int maxBodyBytes,
    int maxParameters) {}
