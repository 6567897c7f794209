package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import io.pargateway.request.Parameters;

/**
 * What a request offers to authenticate its client.
 *
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param form the form parameters of the request body
 */
public record ClientAuthRequest(String authorization, Parameters form) {

  public ClientAuthRequest {
    requireNonNull(form, "form");
  }
}
