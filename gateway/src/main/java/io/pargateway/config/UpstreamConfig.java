package io.pargateway.config;

/**
 * The OpenID Provider behind the gateway.
 *
 * @param baseUrl where the gateway reaches the upstream, e.g. {@code http://op.internal:8080}
 * @param authorizationPath path of the upstream's authorization endpoint, e.g. {@code
 *     /realms/demo/protocol/openid-connect/auth}
 * @param publicBaseUrl the upstream's browser-facing origin, used by the {@code redirect} forward
 *     mode; defaults to {@code baseUrl}
 * @param connectTimeoutMs TCP connect timeout towards the upstream
 * @param requestTimeoutMs idle timeout of one upstream exchange
 * @param maxPoolSize HTTP/1.1 connections per event loop towards the upstream
 * @param metadataCacheSeconds how long a fetched discovery document is served from cache
 */
public record UpstreamConfig(
    String baseUrl,
    String authorizationPath,
    String publicBaseUrl,
    int connectTimeoutMs,
    int requestTimeoutMs,
    int maxPoolSize,
    int metadataCacheSeconds) {}
