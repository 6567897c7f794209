package io.pargateway.config;

/**
 * One listening socket.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port port to bind; 0 picks a free one
 * @param tls TLS settings, or {@code null} for plain HTTP (local use only)
 */
public record ListenerConfig(String host, int port, TlsConfig tls) {}
