package io.pargateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in text values with the environment variable {@code NAME}, so that a
 * file can name a secret without holding it. {@code ${NAME:-fallback}} uses the fallback when
 * {@code NAME} is unset or empty, as a POSIX shell does; {@code $${} is a literal {@code ${}.
 *
 * <p>Replaced text is not searched again, so a value cannot bring in further references.
 */
final class EnvReferences {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvReferences() {}

  /** Replaces the references in every text value below {@code node}. */
  static void resolve(JsonNode node, String path, Map<String, String> env) {
    if (node.isObject()) {
      ObjectNode mapping = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = ConfigProblem.child(path, field.getKey());
        if (field.getValue().isTextual()) {
          field.setValue(
              mapping.textNode(substitute(fieldPath, field.getValue().textValue(), env)));
        } else {
          resolve(field.getValue(), fieldPath, env);
        }
      }
    } else if (node.isArray()) {
      ArrayNode list = (ArrayNode) node;
      for (int i = 0; i < list.size(); i++) {
        String elementPath = ConfigProblem.element(path, i);
        if (list.get(i).isTextual()) {
          list.set(i, list.textNode(substitute(elementPath, list.get(i).textValue(), env)));
        } else {
          resolve(list.get(i), elementPath, env);
        }
      }
    }
  }

  /**
   * The text with its references replaced.
   *
   * @param key names the key in messages; the text itself is never quoted, it may be a secret
   */
  static String substitute(String key, String text, Map<String, String> env) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder result = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        result.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new ConfigProblem(key, "${ without a closing } (write $${ for a literal ${)");
        }
        result.append(lookUp(key, text.substring(i + 2, end), env));
        i = end + 1;
      } else {
        result.append(text.charAt(i));
        i++;
      }
    }
    return result.toString();
  }

  /** The value of one reference: {@code NAME} or {@code NAME:-fallback}. */
  private static String lookUp(String key, String reference, Map<String, String> env) {
    int separator = reference.indexOf(":-");
    String name = separator < 0 ? reference : reference.substring(0, separator);
    if (!NAME.matcher(name).matches()) {
      throw new ConfigProblem(
          key, "${...} must hold an environment variable name (letters, digits and _)");
    }
    String value = env.get(name);
    if (separator < 0) {
      if (value == null) {
        throw new ConfigProblem(key, "environment variable " + name + " is not set");
      }
      return value;
    }
    return value == null || value.isEmpty() ? reference.substring(separator + 2) : value;
  }
}
