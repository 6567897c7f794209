package io.pargateway.config;

/** The configuration cannot be used; the message names the key and what is wrong, in one line. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
