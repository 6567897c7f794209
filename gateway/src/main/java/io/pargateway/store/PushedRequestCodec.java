package io.pargateway.store;

import io.pargateway.client.ClientId;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a {@link PushedRequest}: compact JSON holding the client id and the parameters
 * in their order, and nothing else, e.g. {@code
 * {"c":"app","p":{"response_type":"code","scope":"openid"}}}.
 */
final class PushedRequestCodec {

  private static final String CLIENT = "c";
  private static final String PARAMETERS = "p";

  private PushedRequestCodec() {}

  static String encode(PushedRequest request) {
    // JsonObject keeps insertion order, so the parameters are written in the order they came.
    JsonObject parameters = new JsonObject(new LinkedHashMap<>(request.parameters()));
    return new JsonObject()
        .put(CLIENT, request.clientId().value())
        .put(PARAMETERS, parameters)
        .encode();
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not a value {@link #encode} wrote
   */
  static PushedRequest decode(String json) {
    JsonObject object;
    try {
      object = new JsonObject(json);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("stored pushed request is not JSON", e);
    }
    if (!(object.getValue(CLIENT) instanceof String client)
        || !(object.getValue(PARAMETERS) instanceof JsonObject stored)) {
      throw new IllegalArgumentException("stored pushed request lacks its client or parameters");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, Object> parameter : stored) {
      if (!(parameter.getValue() instanceof String value)) {
        throw new IllegalArgumentException("stored parameter is not a string");
      }
      parameters.put(parameter.getKey(), value);
    }
    return new PushedRequest(new ClientId(client), parameters);
  }
}
