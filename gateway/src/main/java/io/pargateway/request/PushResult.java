package io.pargateway.request;

import io.pargateway.client.ClientId;
import io.pargateway.store.RequestUri;

/**
 * A stored pushed request: what the PAR endpoint answers with (RFC 9126 §2.2).
 *
 * @param clientId the client that pushed it
 * @param requestUri where it is stored
 * @param expiresIn its lifetime in seconds
 */
public record PushResult(ClientId clientId, RequestUri requestUri, long expiresIn) {}
