package io.pargateway.config;

import io.pargateway.client.ClientId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a bound configuration must meet, checked in the order of {@link #validate}. Each
 * failure names its key; values are quoted only when they are numbers, never text that could be a
 * secret (a client secret, a connection string with a password, a URL with user info).
 */
final class ConfigValidator {

  /** The authentication methods of this version (RFC 7591 §2 names). */
  static final List<String> AUTH_METHODS =
      List.of("client_secret_basic", "client_secret_post", "none");

  /** Path prefixes the gateway serves itself, whatever the configuration says. */
  static final List<String> RESERVED_PATHS = List.of("/health", "/.well-known");

  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private ConfigValidator() {}

  static void validate(GatewayConfig config) {
    issuer(config.issuer());
    listeners(config.listeners());
    server(config.server());
    upstream(config.upstream());
    par(config.par());
    authorization(config.authorization(), config.par());
    store(config.store());
    clients(config.clients());
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
    requireRange("store.redis.max_pool_size", redis.maxPoolSize(), 1, Integer.MAX_VALUE);
    requireRange(
        "store.redis.max_waiting_handlers", redis.maxWaitingHandlers(), 1, Integer.MAX_VALUE);
    requireRange("store.redis.command_timeout_ms", redis.commandTimeoutMs(), 1, Long.MAX_VALUE);
    requireRange("store.memory.max_entries", store.memory().maxEntries(), 1, Long.MAX_VALUE);
  }

  private static void clients(List<ClientConfig> clients) {
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
      authentication(key, client);
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
   * The method is one this version implements; a shared secret is given exactly when the method
   * uses one (RFC 6749 §2.3.1).
   */
  private static void authentication(String key, ClientConfig client) {
    String method = client.tokenEndpointAuthMethod();
    if (method == null) {
      throw new ConfigProblem(key + ".token_endpoint_auth_method", "required");
    }
    if (!AUTH_METHODS.contains(method)) {
      throw new ConfigProblem(
          key + ".token_endpoint_auth_method",
          "not supported; use " + String.join(", ", AUTH_METHODS));
    }
    boolean hasSecret = client.clientSecret() != null && !client.clientSecret().isEmpty();
    if (method.equals("none") && hasSecret) {
      throw new ConfigProblem(
          key + ".client_secret", "not allowed when token_endpoint_auth_method is none");
    }
    if (!method.equals("none") && !hasSecret) {
      throw new ConfigProblem(key + ".client_secret", "required for " + method);
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

  private static URI parse(String key, String value, String expected) {
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
  }
}
