package io.pargateway.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every parameter of a load run, from system properties ({@code -Dname=value}). Each simulation
 * reads the ones it needs; README.md lists them all with their defaults.
 */
record LoadSettings(
    String baseUrl,
    String parPath,
    String authorizePath,
    String clientId,
    String clientSecret,
    String redirectUri,
    String alg,
    Optional<Path> clientKeys,
    String assertionAudience,
    Duration assertionLifetime,
    Injection injection,
    double rate,
    double rampFrom,
    double rampTo,
    int users,
    Duration duration,
    Duration warmup,
    int p99Ms,
    int maxInFlight,
    Optional<Path> summaryFile,
    Optional<Long> watchPid,
    List<Long> fixturePids,
    int clockTicks,
    String mtlsClientId,
    boolean gates) {

  /** How virtual users arrive. */
  enum Injection {
    /** Open model: {@code rate} new flows per second for {@code duration}; latency at a load. */
    CONSTANT,
    /**
     * Open model: from {@code rampFrom} to {@code rampTo} flows per second over {@code duration},
     * to find the highest rate the gateway keeps up with and no request fails.
     */
    RAMP,
    /** Closed model: {@code users} flows back to back for {@code duration}; saturation. */
    USERS
  }

  static LoadSettings fromSystemProperties() {
    return new LoadSettings(
        trimSlash(text("baseUrl", "http://127.0.0.1:8080")),
        text("parPath", "/par"),
        text("authorizePath", "/default/authorize"),
        text("clientId", "bench-client"),
        text("clientSecret", "bench-client-secret-0123456789"),
        text("redirectUri", "https://client.example.org/cb"),
        text("alg", "ES256"),
        path("clientKeys"),
        text("assertionAudience", "http://localhost:8080/default"),
        Duration.ofSeconds((long) number("assertionLifetime", 5)),
        Injection.valueOf(text("injection", "constant").toUpperCase(Locale.ROOT)),
        number("rate", 100),
        number("rampFrom", 50),
        number("rampTo", 5000),
        (int) number("users", 32),
        Duration.ofMillis((long) (number("duration", 30) * 1000)),
        Duration.ofMillis((long) (number("warmup", 0) * 1000)),
        (int) number("p99Ms", 50),
        (int) number("maxInFlight", 1000),
        Optional.ofNullable(System.getProperty("summaryFile"))
            .filter(s -> !s.isBlank())
            .map(Path::of),
        Optional.ofNullable(System.getProperty("watchPid"))
            .filter(s -> !s.isBlank())
            .map(Long::parseLong),
        Arrays.stream(text("fixturePids", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Long::parseLong)
            .toList(),
        (int) number("clockTicks", 100),
        text("mtlsClientId", "bench-mtls-client"),
        Boolean.parseBoolean(text("gates", "true")));
  }

  /** {@code Basic base64(urlenc(id):urlenc(secret))}, RFC 6749 §2.3.1. */
  String basicAuthorization() {
    String pair =
        URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The measured part of the run, after the warm-up; the whole ramp in ramp mode. */
  Duration measured() {
    return duration;
  }

  /** Where measurement starts: after the warm-up, except for a ramp, which is measured whole. */
  Duration measureFrom() {
    return injection == Injection.RAMP ? Duration.ZERO : warmup;
  }

  private static String text(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static Optional<Path> path(String name) {
    return Optional.ofNullable(System.getProperty(name)).filter(s -> !s.isBlank()).map(Path::of);
  }

  private static double number(String name, double fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + name + " is not a number: " + value);
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
