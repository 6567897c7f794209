package io.pargateway.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.pargateway.client.ClientId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a {@link PushedRequest}: compact JSON in UTF-8 holding the client id and the
 * parameters in their order, and nothing else, e.g. {@code
 * {"c":"app","p":{"response_type":"code","scope":"openid"}}}.
 *
 * <p>Written and read with Jackson's streaming API: no intermediate map or tree per request.
 */
final class PushedRequestCodec {

  private static final String CLIENT = "c";
  private static final String PARAMETERS = "p";

  /**
   * Reads back whatever it wrote: no limit on names beyond Jackson's defaults would let a pushed
   * request that was stored fail to be read at redemption. The request body limit bounds them.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private PushedRequestCodec() {}

  static byte[] encode(PushedRequest request) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256);
        JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(CLIENT, request.clientId().value());
      json.writeObjectFieldStart(PARAMETERS);
      for (Map.Entry<String, String> parameter : request.parameters().entrySet()) {
        json.writeStringField(parameter.getKey(), parameter.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
      json.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("could not encode a pushed request", e); // in memory: never
    }
  }

  /**
   * @throws IllegalArgumentException when {@code stored} is not a value {@link #encode} wrote
   */
  static PushedRequest decode(byte[] stored) {
    String client = null;
    Map<String, String> parameters = null;
    try (JsonParser json = JSON.createParser(stored)) {
      expect(json.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (CLIENT.equals(field) && client == null) {
          expect(value == JsonToken.VALUE_STRING, "client is not a string");
          client = json.getText();
        } else if (PARAMETERS.equals(field) && parameters == null) {
          expect(value == JsonToken.START_OBJECT, "parameters are not an object");
          parameters = new LinkedHashMap<>();
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            expect(json.nextToken() == JsonToken.VALUE_STRING, "parameter is not a string");
            expect(parameters.put(name, json.getText()) == null, "parameter given twice");
          }
        } else {
          throw new IllegalArgumentException("unexpected field in a stored pushed request");
        }
      }
      expect(json.currentToken() == JsonToken.END_OBJECT, "not one JSON object");
      expect(json.nextToken() == null, "content after the object");
    } catch (IOException e) {
      throw new IllegalArgumentException("stored pushed request is not JSON", e);
    }
    expect(client != null && parameters != null, "client or parameters missing");
    return new PushedRequest(new ClientId(client), parameters);
  }

  private static void expect(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException("stored pushed request: " + problem);
    }
  }
}
