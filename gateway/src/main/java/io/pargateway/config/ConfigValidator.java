package io.pargateway.config;

import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientId;
import io.pargateway.config.ClientAuthenticationConfig.AssertionConfig;
import io.pargateway.config.ClientAuthenticationConfig.ForwardedCertificateConfig;
import io.pargateway.config.ClientAuthenticationConfig.JwksConfig;
import io.pargateway.config.ClientAuthenticationConfig.MtlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a bound configuration must meet, checked in the order of {@link #validate}. Each
 * failure names its key; values are quoted only when they are numbers, never text that could be a
 * secret (a client secret, a connection string with a password, a URL with user info).
 */
final class ConfigValidator {

  /** The authentication methods of this version (RFC 7591 §2 names). */
  static final List<String> AUTH_METHODS =
      Arrays.stream(AuthMethod.values()).map(AuthMethod::metadataName).toList();

  /**
   * The JWS algorithms a client assertion may be allowed to use (RFC 7518 §3.1 names). Never {@code
   * none}: an assertion must be signed or MACed (RFC 7523 §3 item 9).
   */
  static final List<String> ALGORITHMS =
      List.of("PS256", "ES256", "EdDSA", "RS256", "HS256", "HS384", "HS512");

  /** Path prefixes the gateway serves itself, whatever the configuration says. */
  static final List<String> RESERVED_PATHS = List.of("/health", "/.well-known");

  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  /** An HTTP field name (RFC 9110 §5.1, a token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private ConfigValidator() {}

  static void validate(GatewayConfig config) {
    issuer(config.issuer());
    listeners(config.listeners());
    server(config.server());
    upstream(config.upstream());
    par(config.par());
    authorization(config.authorization(), config.par());
    store(config.store());
    clientAuthentication(config.clientAuthentication());
    clients(config.clients(), config.clientAuthentication(), certificatesArrive(config));
  }

  /**
   * An https URL with no query or fragment (RFC 8414 §2, OIDC Discovery §3); http only on the
   * loopback, for local runs.
   */
  private static void issuer(String issuer) {
    URI uri = requireUrl("issuer", issuer);
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri);
    if (!https && !localHttp) {
      throw new ConfigProblem(
          "issuer", "must be an https URL (http only for localhost, 127.0.0.1 or [::1])");
    }
  }

  private static void listeners(List<ListenerConfig> listeners) {
    if (listeners.isEmpty()) {
      throw new ConfigProblem("listeners", "required, at least one");
    }
    for (int i = 0; i < listeners.size(); i++) {
      String key = ConfigProblem.element("listeners", i);
      ListenerConfig listener = listeners.get(i);
      requireText(key + ".host", listener.host());
      requireRange(key + ".port", listener.port(), 0, 65535);
      if (listener.tls() != null) {
        requireReadableFile(key + ".tls.cert_path", listener.tls().certPath());
        requireReadableFile(key + ".tls.key_path", listener.tls().keyPath());
      }
    }
  }

  private static void server(ServerConfig server) {
    requireRange("server.verticles", server.verticles(), 0, Integer.MAX_VALUE);
    requireRange("server.shutdown_timeout_ms", server.shutdownTimeoutMs(), 1, Long.MAX_VALUE);
  }

  private static void upstream(UpstreamConfig upstream) {
    requireHttpUrl("upstream.base_url", upstream.baseUrl());
    requireHttpUrl("upstream.public_base_url", upstream.publicBaseUrl());
    requirePath("upstream.authorization_path", upstream.authorizationPath());
    requireRange("upstream.connect_timeout_ms", upstream.connectTimeoutMs(), 1, Integer.MAX_VALUE);
    requireRange("upstream.request_timeout_ms", upstream.requestTimeoutMs(), 1, Integer.MAX_VALUE);
    requireRange("upstream.max_pool_size", upstream.maxPoolSize(), 1, Integer.MAX_VALUE);
    requireRange(
        "upstream.metadata_cache_seconds", upstream.metadataCacheSeconds(), 0, Integer.MAX_VALUE);
  }

  private static void par(ParConfig par) {
    requireServedPath("par.path", par.path());
    // RFC 9126 §2.2: "typically relatively short (e.g., between 5 and 600 seconds)".
    requireRange("par.request_uri_lifetime_seconds", par.requestUriLifetimeSeconds(), 1, 600);
    requireRange("par.max_body_bytes", par.maxBodyBytes(), 1024, 1048576);
    requireRange("par.max_parameters", par.maxParameters(), 1, 1000);
  }

  private static void authorization(AuthorizationConfig authorization, ParConfig par) {
    requireServedPath("authorization.path", authorization.path());
    if (authorization.path().equals(par.path())) {
      throw new ConfigProblem("authorization.path", "must differ from par.path");
    }
    if (authorization.forwardMode() == null) {
      throw new ConfigProblem("authorization.forward_mode", "required");
    }
  }

  private static void store(StoreConfig store) {
    if (store.type() == null) {
      throw new ConfigProblem("store.type", "required");
    }
    if (store.keyPrefix() == null) {
      throw new ConfigProblem("store.key_prefix", "required");
    }
    StoreConfig.RedisConfig redis = store.redis();
    if (store.type() == StoreConfig.Type.REDIS) {
      String connection = redis.connectionString();
      if (connection == null
          || !(connection.startsWith("redis://") || connection.startsWith("rediss://"))) {
        throw new ConfigProblem(
            "store.redis.connection_string", "must start with redis:// or rediss://");
      }
    }
    requireRange(
        "store.redis.max_waiting_handlers", redis.maxWaitingHandlers(), 1, Integer.MAX_VALUE);
    requireRange("store.redis.command_timeout_ms", redis.commandTimeoutMs(), 1, Long.MAX_VALUE);
    requireRange("store.memory.max_entries", store.memory().maxEntries(), 1, Long.MAX_VALUE);
  }

  private static void clientAuthentication(ClientAuthenticationConfig authentication) {
    assertion(authentication.assertion());
    jwksFetching(authentication.jwks());
    mtls(authentication.mtls());
  }

  private static void assertion(AssertionConfig assertion) {
    String key = "client_authentication.assertion";
    if (assertion.audience() == null) {
      throw new ConfigProblem(key + ".audience", "required");
    }
    if (ClientAuthValidator.isSet(assertion.tokenEndpoint())) {
      requireHttpsUrl(key + ".token_endpoint", assertion.tokenEndpoint());
    }
    requireRange(key + ".max_lifetime_seconds", assertion.maxLifetimeSeconds(), 1, 3600);
    // FAPI 2.0 §5.3.2.1-13: accept iat and nbf up to 10 s in the future, refuse more than 60 s.
    requireRange(key + ".max_clock_skew_seconds", assertion.maxClockSkewSeconds(), 0, 60);
    requireRange(key + ".max_bytes", assertion.maxBytes(), 512, 65536);
    List<String> algorithms = assertion.algorithms();
    if (algorithms.isEmpty()) {
      throw new ConfigProblem(key + ".algorithms", "required, at least one");
    }
    for (int i = 0; i < algorithms.size(); i++) {
      requireAlgorithm(ConfigProblem.element(key + ".algorithms", i), algorithms.get(i));
    }
  }

  /** One of {@link #ALGORITHMS}, written exactly; {@code none} gets its own message. */
  static void requireAlgorithm(String key, String algorithm) {
    if ("none".equalsIgnoreCase(algorithm)) {
      throw new ConfigProblem(
          key, "none is never allowed: client assertions must be signed (RFC 7523 §3)");
    }
    if (!ALGORITHMS.contains(algorithm)) {
      throw new ConfigProblem(key, "must be one of " + String.join(", ", ALGORITHMS));
    }
  }

  private static void jwksFetching(JwksConfig jwks) {
    String key = "client_authentication.jwks";
    requireRange(key + ".cache_seconds", jwks.cacheSeconds(), 1, 86400);
    requireRange(key + ".refresh_min_interval_seconds", jwks.refreshMinIntervalSeconds(), 0, 3600);
    requireRange(key + ".fetch_timeout_ms", jwks.fetchTimeoutMs(), 1, Integer.MAX_VALUE);
    requireRange(key + ".max_bytes", jwks.maxBytes(), 1024, 1048576);
  }

  private static void mtls(MtlsConfig mtls) {
    if (ClientAuthValidator.isSet(mtls.trustAnchorsPath())) {
      trustAnchors("client_authentication.mtls.trust_anchors_path", mtls.trustAnchorsPath());
    }
    forwardedCertificate(mtls.forwardedCertificate());
  }

  /** A PEM (or DER) file of at least one X.509 certificate (RFC 8705 §2.1). */
  private static void trustAnchors(String key, String file) {
    Path path = readableFile(key, file);
    try (InputStream in = Files.newInputStream(path)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new ConfigProblem(key, "holds no X.509 certificate; a PEM file of CA certificates");
      }
    } catch (CertificateException e) {
      throw new ConfigProblem(key, "not a PEM file of X.509 CA certificates");
    } catch (IOException e) {
      throw new ConfigProblem(key, "cannot read " + file);
    }
  }

  /**
   * A forwarded certificate is believed only from the proxies named (RFC 8705 §6.5), so a header
   * needs them, and proxies without a header are a mistake.
   */
  private static void forwardedCertificate(ForwardedCertificateConfig forwarded) {
    String key = "client_authentication.mtls.forwarded_certificate";
    if (forwarded.format() == null) {
      throw new ConfigProblem(key + ".format", "required");
    }
    List<String> proxies = forwarded.trustedProxies();
    if (!ClientAuthValidator.isSet(forwarded.header())) {
      if (!proxies.isEmpty()) {
        throw new ConfigProblem(key + ".trusted_proxies", "only used with header; set header too");
      }
      return;
    }
    if (!HEADER_NAME.matcher(forwarded.header()).matches()) {
      throw new ConfigProblem(
          key + ".header",
          "must be an HTTP header name, a token of RFC 9110 §5.1 such as ssl-client-cert");
    }
    if (proxies.isEmpty()) {
      throw new ConfigProblem(
          key + ".trusted_proxies",
          "required, at least one, when header is set: only these proxies may set it");
    }
    for (int i = 0; i < proxies.size(); i++) {
      try {
        IpRange.parse(proxies.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigProblem(
            ConfigProblem.element(key + ".trusted_proxies", i),
            "not an IP address or CIDR range: " + e.getMessage());
      }
    }
  }

  /** Whether client certificates can reach the gateway: asked for by a listener, or forwarded. */
  private static boolean certificatesArrive(GatewayConfig config) {
    return config.listeners().stream()
            .anyMatch(l -> l.tls() != null && l.tls().clientAuth() == TlsConfig.ClientAuth.REQUEST)
        || ClientAuthValidator.isSet(
            config.clientAuthentication().mtls().forwardedCertificate().header());
  }

  private static void clients(
      List<ClientConfig> clients,
      ClientAuthenticationConfig authentication,
      boolean certificatesArrive) {
    Map<String, Integer> indexById = new HashMap<>();
    for (int i = 0; i < clients.size(); i++) {
      String key = ConfigProblem.element("clients", i);
      ClientConfig client = clients.get(i);
      clientId(key + ".client_id", client.clientId());
      Integer first = indexById.putIfAbsent(client.clientId(), i);
      if (first != null) {
        throw new ConfigProblem(
            key + ".client_id", "the same as " + ConfigProblem.element("clients", first));
      }
      ClientAuthValidator.validate(key, client, authentication, certificatesArrive);
      redirectUris(key + ".redirect_uris", client.redirectUris());
    }
  }

  /** RFC 6749 §2.2 and Appendix A.1, as {@link ClientId} enforces at run time. */
  private static void clientId(String key, String clientId) {
    if (clientId == null) {
      throw new ConfigProblem(key, "required");
    }
    try {
      new ClientId(clientId);
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(key, e.getMessage());
    }
  }

  /**
   * Absolute URIs without fragment (RFC 6749 §3.1.2); plain http only on the loopback (RFC 8252
   * §7.3); other schemes are the private-use schemes of native apps (RFC 8252 §7.1).
   */
  private static void redirectUris(String key, List<String> redirectUris) {
    if (redirectUris.isEmpty()) {
      throw new ConfigProblem(key, "required, at least one");
    }
    for (int i = 0; i < redirectUris.size(); i++) {
      String uriKey = ConfigProblem.element(key, i);
      URI uri = parse(uriKey, redirectUris.get(i), "must be an absolute URI");
      if (!uri.isAbsolute()) {
        throw new ConfigProblem(uriKey, "must be an absolute URI");
      }
      if (uri.getRawFragment() != null) {
        throw new ConfigProblem(uriKey, "must not have a fragment (RFC 6749 §3.1.2)");
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() == null) {
        throw new ConfigProblem(uriKey, "must name a host");
      }
      if (scheme.equals("http") && !isLoopback(uri)) {
        throw new ConfigProblem(
            uriKey, "must use https; http only for localhost, 127.0.0.1 or [::1] (RFC 8252 §7.3)");
      }
    }
  }

  /**
   * An absolute https URL with a host and no fragment or user info; a query is allowed, as in an
   * endpoint URL (RFC 6749 §3.2). Plain http only on the loopback, for tests.
   */
  static URI requireHttpsUrl(String key, String value) {
    URI uri = parse(key, value, "must be an absolute https URL");
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
      throw new ConfigProblem(key, "must be an absolute URL with a host");
    }
    if (uri.getRawFragment() != null) {
      throw new ConfigProblem(key, "must not have a fragment");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigProblem(key, "must not hold user info");
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri);
    if (!https && !localHttp) {
      throw new ConfigProblem(
          key, "must be an https URL (http only for localhost, 127.0.0.1 or [::1])");
    }
    return uri;
  }

  /** An absolute http(s) URL with a host and no query or fragment. */
  private static void requireHttpUrl(String key, String value) {
    URI uri = requireUrl(key, value);
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
      throw new ConfigProblem(key, "must be an http or https URL");
    }
  }

  /** An absolute URL with a host and no query or fragment. */
  private static URI requireUrl(String key, String value) {
    if (value == null || value.isEmpty()) {
      throw new ConfigProblem(key, "required");
    }
    URI uri = parse(key, value, "must be an absolute URL");
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
      throw new ConfigProblem(key, "must be an absolute URL with a host");
    }
    if (uri.getRawQuery() != null) {
      throw new ConfigProblem(key, "must not have a query");
    }
    if (uri.getRawFragment() != null) {
      throw new ConfigProblem(key, "must not have a fragment");
    }
    return uri;
  }

  static URI parse(String key, String value, String expected) {
    if (value == null) {
      throw new ConfigProblem(key, "required");
    }
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      // The exception's message quotes the value, which may hold user info.
      throw new ConfigProblem(key, expected + "; this is not a valid URI");
    }
  }

  private static boolean isLoopback(URI uri) {
    return uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
  }

  /** A path the gateway routes itself: not one of the endpoints it always serves. */
  private static void requireServedPath(String key, String path) {
    requirePath(key, path);
    for (String reserved : RESERVED_PATHS) {
      if (path.equals(reserved) || path.startsWith(reserved + "/")) {
        throw new ConfigProblem(key, "must not be under " + reserved + "/, the gateway serves it");
      }
    }
  }

  private static void requirePath(String key, String path) {
    if (path == null || path.isEmpty()) {
      throw new ConfigProblem(key, "required");
    }
    if (!path.startsWith("/")) {
      throw new ConfigProblem(key, "must start with /");
    }
    if (path.chars().anyMatch(c -> c == '?' || c == '#' || c <= 0x20 || c == 0x7f)) {
      throw new ConfigProblem(key, "must be a plain path, without query, fragment or spaces");
    }
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigProblem(key, "required");
    }
  }

  private static void requireRange(String key, long value, long min, long max) {
    if (value < min || value > max) {
      String bounds =
          max == Long.MAX_VALUE || max == Integer.MAX_VALUE
              ? "must be at least " + min
              : "must be between " + min + " and " + max;
      throw new ConfigProblem(key, bounds + ", got " + value);
    }
  }

  private static void requireReadableFile(String key, String file) {
    if (file == null || file.isEmpty()) {
      throw new ConfigProblem(key, "required when tls is given");
    }
    readableFile(key, file);
  }

  private static Path readableFile(String key, String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new ConfigProblem(key, "not a valid file path");
    }
    if (!Files.isRegularFile(path)) {
      throw new ConfigProblem(key, "no such file: " + file);
    }
    if (!Files.isReadable(path)) {
      throw new ConfigProblem(key, "cannot read " + file);
    }
    return path;
  }
}
