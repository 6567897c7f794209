package io.pargateway.config;

/**
 * TLS server credentials from PEM files.
 *
 * @param certPath certificate chain, leaf first
 * @param keyPath private key (PKCS#8, or PKCS#1 for RSA)
 */
public record TlsConfig(String certPath, String keyPath) {}
