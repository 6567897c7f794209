package io.pargateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Configuration texts for tests. */
final class TestConfigs {

  static final Map<String, String> NO_ENV = Map.of();

  /** The least a configuration must say: the issuer, the upstream and one client. */
  static final String MINIMAL =
      """
      issuer: https://login.example.com
      upstream:
        base_url: http://op.internal:8080
      clients:
        - client_id: demo
          client_secret: demo-secret
          redirect_uris:
            - https://app.example.com/callback
      """;

  private static final YAMLMapper YAML = new YAMLMapper();

  /** The defaults of {@code client_authentication}, as {@code defaults.yaml} documents them. */
  static final ClientAuthenticationConfig CLIENT_AUTHENTICATION_DEFAULTS =
      new ClientAuthenticationConfig(
          new ClientAuthenticationConfig.AssertionConfig(
              ClientAuthenticationConfig.AudienceMode.DEFAULT,
              null,
              300,
              10,
              8192,
              List.of("PS256", "ES256", "EdDSA", "RS256", "HS256", "HS384", "HS512")),
          new ClientAuthenticationConfig.JwksConfig(300, 10, 2000, 65536),
          new ClientAuthenticationConfig.MtlsConfig(
              null,
              new ClientAuthenticationConfig.ForwardedCertificateConfig(
                  null,
                  ClientAuthenticationConfig.ForwardedCertificateConfig.Format.NGINX,
                  List.of())));

  private TestConfigs() {}

  /** A client with a shared secret or none, and nothing of the other methods. */
  static ClientConfig secretClient(
      String clientId,
      String method,
      String secret,
      List<String> redirectUris,
      boolean requirePushedAuthorizationRequests,
      boolean requirePkce) {
    return new ClientConfig(
        clientId,
        method,
        secret,
        redirectUris,
        requirePushedAuthorizationRequests,
        requirePkce,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * {@link #MINIMAL} with one key set, e.g. {@code with("clients[0].redirect_uris[0]", "x")}.
   * Missing mappings, lists and list elements are added; a {@code null} value removes the key.
   */
  static String with(String key, Object value) {
    try {
      ObjectNode root = (ObjectNode) YAML.readTree(MINIMAL);
      String[] parts = key.split("\\.");
      JsonNode node = root;
      for (int i = 0; i < parts.length; i++) {
        boolean last = i == parts.length - 1;
        String part = parts[i];
        String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
        ObjectNode mapping = (ObjectNode) node;
        if (!part.contains("[")) {
          if (last) {
            set(mapping, name, value);
          } else {
            node = mapping.has(name) ? mapping.get(name) : mapping.putObject(name);
          }
          continue;
        }
        int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']')));
        ArrayNode list = mapping.has(name) ? (ArrayNode) mapping.get(name) : mapping.putArray(name);
        while (list.size() <= index) {
          list.addObject();
        }
        if (last) {
          list.set(index, YAML.valueToTree(value));
        } else {
          node = list.get(index);
        }
      }
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void set(ObjectNode mapping, String name, Object value) {
    if (value == null) {
      mapping.remove(name);
    } else {
      mapping.set(name, YAML.valueToTree(value));
    }
  }
}
