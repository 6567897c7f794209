package io.pargateway.config;

import java.nio.file.Path;
import java.util.Map;

/** Loads and validates the configuration. */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Reads {@code file} (YAML), applies defaults, environment overrides and {@code ${ENV}}
   * references from {@code env}, and validates the result.
   *
   * @throws ConfigException naming the first invalid key
   */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    throw new UnsupportedOperationException("not yet");
  }
}
