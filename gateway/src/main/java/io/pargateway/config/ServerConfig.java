package io.pargateway.config;

/**
 * Process-level settings.
 *
 * @param verticles event-loop verticle instances; 0 means one per available core
 * @param shutdownTimeoutMs how long in-flight requests may drain on SIGTERM
 */
public record ServerConfig(int verticles, long shutdownTimeoutMs) {}
