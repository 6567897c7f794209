package io.pargateway.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads and validates the configuration, in this order:
 *
 * <ol>
 *   <li>the defaults from {@code defaults.yaml} beside this class, the reference of every key;
 *   <li>the user's YAML merged over them (mappings key by key, lists and values replace), and each
 *       element of a list over the defaults of its elements;
 *   <li>environment overrides ({@code PARGW_STORE__TYPE=redis}, see {@link EnvOverrides});
 *   <li>{@code ${NAME}} references in text values (see {@link EnvReferences});
 *   <li>binding to {@link GatewayConfig}, refusing unknown keys and values of the wrong type;
 *   <li>the defaults that follow from other keys ({@code upstream.public_base_url}, {@code
 *       authorization.path});
 *   <li>validation (see {@link ConfigValidator}).
 * </ol>
 *
 * The first problem stops the load with a {@link ConfigException} whose one-line message names the
 * key as a dotted path with list indices, e.g. {@code clients[0].redirect_uris: required, at least
 * one}, and the environment variable that set it, if one did. No message holds a value that may be
 * secret.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Reads {@code file} (YAML), applies defaults, environment overrides and {@code ${ENV}}
   * references from {@code env}, and validates the result.
   *
   * @throws ConfigException naming the first invalid key, or the file if it cannot be read
   */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    requireNonNull(file, "file");
    requireNonNull(env, "env");
    return parse(file.toString(), read(file), env);
  }

  /**
   * Like {@link #load} with the YAML given as text.
   *
   * @throws ConfigException naming the first invalid key
   */
  public static GatewayConfig fromYaml(String yaml, Map<String, String> env) {
    requireNonNull(yaml, "yaml");
    requireNonNull(env, "env");
    return parse("config", yaml, env);
  }

  private static GatewayConfig parse(String source, String yaml, Map<String, String> env) {
    Map<String, String> variableByKey = Map.of();
    try {
      ConfigTree.Defaults defaults = ConfigTree.defaults();
      ObjectNode tree = defaults.tree();
      ConfigTree.merge(tree, ConfigTree.parse(source, yaml));
      ConfigTree.applyElementDefaults(tree, defaults.elementDefaults());
      variableByKey = EnvOverrides.apply(tree, env);
      EnvReferences.resolve(tree, "", env);
      ConfigTree.rejectEmptyListElements(tree, "");
      GatewayConfig config = withDerivedDefaults(ConfigBinder.bind(tree));
      ConfigValidator.validate(config);
      return config;
    } catch (ConfigProblem problem) {
      throw new ConfigException(problem.getMessage() + setBy(problem.key(), variableByKey));
    }
  }

  /** Keys whose default is another key's value. */
  private static GatewayConfig withDerivedDefaults(GatewayConfig config) {
    UpstreamConfig upstream = config.upstream();
    if (isUnset(upstream.publicBaseUrl())) {
      upstream =
          new UpstreamConfig(
              upstream.baseUrl(),
              upstream.authorizationPath(),
              upstream.baseUrl(),
              upstream.connectTimeoutMs(),
              upstream.requestTimeoutMs(),
              upstream.maxPoolSize(),
              upstream.metadataCacheSeconds());
    }
    AuthorizationConfig authorization = config.authorization();
    if (isUnset(authorization.path())) {
      authorization =
          new AuthorizationConfig(upstream.authorizationPath(), authorization.forwardMode());
    }
    return new GatewayConfig(
        config.issuer(),
        config.listeners(),
        config.server(),
        upstream,
        config.par(),
        authorization,
        config.store(),
        config.clients(),
        config.clientAuthentication());
  }

  private static boolean isUnset(String value) {
    return value == null || value.isEmpty();
  }

  /**
   * Names the environment variable that set {@code key} or a mapping above it, if one did; else one
   * that set a key below it, which made it (an unknown key such as {@code client} from {@code
   * PARGW_CLIENT__AUTHENTICATION__...}).
   */
  private static String setBy(String key, Map<String, String> variableByKey) {
    for (Map.Entry<String, String> entry : variableByKey.entrySet()) {
      if (isSameOrBelow(key, entry.getKey())) {
        return " (set by " + entry.getValue() + ")";
      }
    }
    for (Map.Entry<String, String> entry : variableByKey.entrySet()) {
      if (isSameOrBelow(entry.getKey(), key)) {
        return " (set by " + entry.getValue() + ")";
      }
    }
    return "";
  }

  private static boolean isSameOrBelow(String key, String above) {
    return key.equals(above) || key.startsWith(above + ".") || key.startsWith(above + "[");
  }

  private static String read(Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(file + ": is a directory, not a configuration file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": configuration file not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": configuration file cannot be read (permission denied)");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": configuration file is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(
          file + ": configuration file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
