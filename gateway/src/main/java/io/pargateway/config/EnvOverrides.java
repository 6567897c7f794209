package io.pargateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sets keys from environment variables, so that secrets can come from a Kubernetes Secret: {@code
 * PARGW_} followed by the path of the key, upper-cased, with {@code __} between its parts, and list
 * elements named by index ({@code PARGW_CLIENTS__0__CLIENT_SECRET}).
 *
 * <p>The values are text; the binder turns them into numbers and booleans where the key wants one.
 * A variable naming no key stops the start like an unknown key in the file does: it is set here and
 * refused by the binder, which names the variable through the map {@link #apply} returns.
 */
final class EnvOverrides {

  static final String PREFIX = "PARGW_";

  /** Where the configuration file is; not a key. */
  static final String CONFIG_FILE_VARIABLE = "PARGW_CONFIG";

  /**
   * Variables the process reads itself, outside the configuration: the file, the signature provider
   * ({@code io.pargateway.crypto.SignatureChecks}) and the log levels (logback.xml). None is a key.
   */
  static final Set<String> PROCESS_VARIABLES =
      Set.of(
          CONFIG_FILE_VARIABLE,
          "PARGW_CRYPTO_PROVIDER",
          "PARGW_LOG_LEVEL",
          "PARGW_ACCESS_LOG_LEVEL");

  /**
   * The variables Kubernetes puts into every pod for a Service named {@code pargw} (service links:
   * {@code PARGW_SERVICE_HOST}, {@code PARGW_SERVICE_PORT_HTTP}, {@code PARGW_PORT_8080_TCP_ADDR},
   * ...). No key is named {@code service_*} or {@code port*} at the top, so they cannot be meant as
   * overrides, and refusing them would stop every pod behind such a Service.
   */
  private static final Pattern SERVICE_LINK =
      Pattern.compile("PARGW_(SERVICE_HOST|SERVICE_PORT(_\\w+)?|PORT(_\\w+)?)");

  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

  private EnvOverrides() {}

  /**
   * Sets every override in {@code env} in {@code root}, in the order of their names.
   *
   * @return for each key set, the variable that set it
   */
  static Map<String, String> apply(ObjectNode root, Map<String, String> env) {
    Map<String, String> variableByKey = new TreeMap<>();
    for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
      String name = variable.getKey();
      if (isOverride(name)) {
        variableByKey.put(set(root, name, variable.getValue()), name);
      }
    }
    return variableByKey;
  }

  static boolean isOverride(String name) {
    return name.startsWith(PREFIX)
        && !PROCESS_VARIABLES.contains(name)
        && !SERVICE_LINK.matcher(name).matches();
  }

  /** Sets the key {@code name} stands for; returns its dotted path. */
  private static String set(ObjectNode root, String name, String value) {
    String[] parts = name.substring(PREFIX.length()).split("__", -1);
    JsonNode node = root;
    String path = "";
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        throw new ConfigProblem(name, "has an empty part between two __");
      }
      boolean last = i == parts.length - 1;
      if (node.isArray()) {
        ArrayNode list = (ArrayNode) node;
        int index = index(name, path, part, list.size());
        path = ConfigProblem.element(path, index);
        JsonNode element = list.get(index);
        if (last) {
          requirePlainValue(name, path, element);
          list.set(index, TextNode.valueOf(value));
        }
        node = element;
      } else if (node.isObject()) {
        ObjectNode mapping = (ObjectNode) node;
        String key = part.toLowerCase(Locale.ROOT);
        path = ConfigProblem.child(path, key);
        JsonNode child = mapping.get(key);
        if (last) {
          requirePlainValue(name, path, child);
          mapping.put(key, value);
        } else if (child == null || child.isNull()) {
          child = mapping.putObject(key);
        }
        node = child;
      } else {
        throw new ConfigProblem(name, path + " is a single value, it has no keys");
      }
    }
    return path;
  }

  private static int index(String name, String path, String part, int size) {
    if (!INDEX.matcher(part).matches()) {
      throw new ConfigProblem(
          name, path + " is a list; name an element by its index, e.g. __0__ for the first");
    }
    int index = Integer.parseInt(part);
    if (index >= size) {
      throw new ConfigProblem(
          name,
          ConfigProblem.element(path, index)
              + " does not exist; "
              + path
              + " has "
              + size
              + (size == 1 ? " element" : " elements"));
    }
    return index;
  }

  private static void requirePlainValue(String name, String path, JsonNode current) {
    if (current != null && current.isObject()) {
      throw new ConfigProblem(name, path + " is a mapping; set its keys one by one");
    }
    if (current != null && current.isArray()) {
      throw new ConfigProblem(
          name, path + " is a list; set its elements one by one, e.g. __0 for the first");
    }
  }
}
