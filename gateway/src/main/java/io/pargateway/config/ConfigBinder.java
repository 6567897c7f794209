package io.pargateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds the merged tree to the records, and turns every binding failure into a {@link
 * ConfigProblem} naming the key as the user wrote it.
 */
final class ConfigBinder {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Keys are snake_case; record components are camelCase.
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          // Enum values are written lower-case (memory, redis, proxy, redirect).
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          // port: 8080.9 is a mistake, not 8080.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // Text from the environment must become numbers and booleans, but nothing else may
          // become text: YAML reads client_secret: 0123 as a number, and the secret would change.
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Integer,
              c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Boolean,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Enum,
              c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          .build();

  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");

  private ConfigBinder() {}

  static GatewayConfig bind(ObjectNode tree) {
    try {
      return MAPPER.treeToValue(tree, GatewayConfig.class);
    } catch (JsonMappingException e) {
      throw problem(e);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // Without a path to blame; the message may quote a value, so it is not passed on.
      throw new ConfigProblem("config", "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigProblem problem(JsonMappingException e) {
    String key = key(e.getPath());
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new ConfigProblem(key, "unknown key" + knownKeys(unknown.getKnownPropertyIds()));
    }
    if (e.getCause() instanceof InputCoercionException
        || e instanceof InvalidFormatException format
            && isWholeNumber(format.getTargetType())
            && format.getValue() instanceof String text
            && DIGITS.matcher(text.strip()).matches()) {
      return new ConfigProblem(key, "number too large");
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new ConfigProblem(key, expected(mismatch.getTargetType()));
    }
    return new ConfigProblem(key, "invalid value");
  }

  /** The dotted path of the key, as written in the file. */
  private static String key(List<JsonMappingException.Reference> path) {
    String key = "";
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        key = ConfigProblem.child(key, reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        key = ConfigProblem.element(key, reference.getIndex());
      }
    }
    return key.isEmpty() ? "config" : key;
  }

  private static String knownKeys(Collection<Object> known) {
    if (known == null || known.isEmpty()) {
      return "";
    }
    return known.stream()
        .map(String::valueOf)
        .sorted()
        .collect(Collectors.joining(", ", "; known keys here: ", ""));
  }

  private static boolean isWholeNumber(Class<?> type) {
    return type == int.class || type == Integer.class || type == long.class || type == Long.class;
  }

  /** What a value of {@code type} must look like; never quoting the value that was given. */
  private static String expected(Class<?> type) {
    if (isWholeNumber(type)) {
      return "must be a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "must be true or false";
    }
    if (type == String.class) {
      return "must be text (quote it if YAML reads it as a number or a boolean)";
    }
    if (type.isEnum()) {
      return Arrays.stream(type.getEnumConstants())
          .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", ", "must be one of ", ""));
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "must be a list";
    }
    if (type.isRecord() || Map.class.isAssignableFrom(type)) {
      return "must be a mapping of keys to values";
    }
    return "invalid value";
  }
}
