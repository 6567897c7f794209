package io.pargateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** The configuration as a YAML tree, before binding: reading, defaults and merging. */
final class ConfigTree {

  /** The resource beside this class that holds every default. */
  static final String DEFAULTS_RESOURCE = "defaults.yaml";

  /** The key of {@link #DEFAULTS_RESOURCE} that holds the defaults of each list element. */
  static final String ELEMENT_DEFAULTS = "element_defaults";

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          // A key written twice is a mistake whichever one was meant.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The contents of {@link #DEFAULTS_RESOURCE}, read once; hand out copies only. */
  private static final ObjectNode DEFAULTS = readDefaults();

  private ConfigTree() {}

  /**
   * The defaults of every key, from {@link #DEFAULTS_RESOURCE}.
   *
   * @param tree the configuration with every key at its default
   * @param elementDefaults for each top-level list, the defaults of each of its elements
   */
  record Defaults(ObjectNode tree, ObjectNode elementDefaults) {}

  /** A fresh copy of the defaults, to merge into. */
  static Defaults defaults() {
    ObjectNode tree = DEFAULTS.deepCopy();
    ObjectNode elementDefaults = (ObjectNode) tree.remove(ELEMENT_DEFAULTS);
    return new Defaults(tree, elementDefaults);
  }

  private static ObjectNode readDefaults() {
    try (InputStream in = ConfigTree.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
      }
      return (ObjectNode) YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(DEFAULTS_RESOURCE + " cannot be read", e);
    }
  }

  /**
   * Parses the user's YAML. An empty document is an empty mapping.
   *
   * @param source names the text in messages (the file name)
   */
  static ObjectNode parse(String source, String yaml) {
    JsonNode tree;
    try {
      rejectUnsupported(source, yaml);
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw syntaxProblem(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigProblem(source, "must be a YAML mapping of keys to values at the top level");
    }
    return (ObjectNode) tree;
  }

  /**
   * Refuses what the YAML binding would silently get wrong: an alias ({@code *name}) reads as the
   * text {@code name}, not the anchored value, and a second document ({@code ---}) is dropped.
   */
  private static void rejectUnsupported(String source, String yaml) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.createParser(yaml)) {
      int depth = 0;
      int documents = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (parser.isCurrentAlias()) {
          throw new ConfigProblem(
              source, "YAML aliases (*name) are not supported, at line " + line(parser));
        }
        if (depth == 0 && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          documents++;
          if (documents > 1) {
            throw new ConfigProblem(
                source, "must hold one YAML document, found another at line " + line(parser));
          }
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
      }
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  /**
   * Merges {@code over} into {@code base}: mappings key by key, lists and plain values replace. A
   * key left empty in {@code over} keeps the value in {@code base}.
   */
  static void merge(ObjectNode base, ObjectNode over) {
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      JsonNode current = base.get(key);
      if (value.isNull() && current != null) {
        continue;
      }
      if (value.isObject() && current != null && current.isObject()) {
        merge((ObjectNode) current, (ObjectNode) value);
      } else {
        base.set(key, value.deepCopy());
      }
    }
  }

  /**
   * Merges each element of the top-level lists named in {@code elementDefaults} over the defaults
   * of its list. An empty element becomes the defaults; an element that is not a mapping is left
   * for the binder to refuse.
   */
  static void applyElementDefaults(ObjectNode root, ObjectNode elementDefaults) {
    for (Iterator<Map.Entry<String, JsonNode>> it = elementDefaults.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> defaults = it.next();
      JsonNode list = root.get(defaults.getKey());
      if (list == null || !list.isArray()) {
        continue;
      }
      ArrayNode elements = (ArrayNode) list;
      for (int i = 0; i < elements.size(); i++) {
        JsonNode element = elements.get(i);
        if (element.isNull() || element.isObject()) {
          ObjectNode merged = ((ObjectNode) defaults.getValue()).deepCopy();
          if (element.isObject()) {
            merge(merged, (ObjectNode) element);
          }
          elements.set(i, merged);
        }
      }
    }
  }

  /** Refuses empty list elements, such as a {@code -} with nothing after it. */
  static void rejectEmptyListElements(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        rejectEmptyListElements(field.getValue(), ConfigProblem.child(path, field.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String elementPath = ConfigProblem.element(path, i);
        if (node.get(i).isNull()) {
          throw new ConfigProblem(elementPath, "must not be empty");
        }
        rejectEmptyListElements(node.get(i), elementPath);
      }
    }
  }

  /**
   * A syntax error as one line with its position. The parser's own message is not used: it quotes
   * the offending line, which may hold a secret.
   */
  private static ConfigProblem syntaxProblem(String source, JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
      String key = duplicateKeyPath(e);
      if (key != null) {
        return new ConfigProblem(key, "written twice" + where);
      }
      return new ConfigProblem(source, "a key is written twice" + where);
    }
    String problem = "";
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yamlError
        && yamlError.getProblem() != null) {
      problem = ": " + yamlError.getProblem();
    }
    return new ConfigProblem(source, "not valid YAML" + where + problem);
  }

  /** The dotted path of the key the parser was reading when it met it again. */
  private static String duplicateKeyPath(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inObject() && context.getCurrentName() != null) {
        path.insert(0, (context.getParent().inRoot() ? "" : ".") + context.getCurrentName());
      } else if (context.inArray()) {
        path.insert(0, "[" + context.getCurrentIndex() + "]");
      }
    }
    return path.length() == 0 ? null : path.toString();
  }
}
