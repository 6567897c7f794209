package io.pargateway;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientRegistry;
import io.pargateway.client.auth.ClientKeySource;
import io.pargateway.client.auth.TrustAnchors;
import io.pargateway.config.GatewayConfig;
import io.pargateway.config.ListenerConfig;
import io.pargateway.config.StoreConfig;
import io.pargateway.config.TlsConfig;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.store.RedisStoreOptions;
import io.pargateway.store.Stores;
import io.pargateway.tls.ListenerTls;
import io.pargateway.tls.ServerTls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds what the verticles share from the configuration, deploys one
 * verticle per event loop, and undeploys them on stop.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final String deploymentId;
  private final BoundPorts ports;
  private final Stores sharedStores;
  private final ClientKeySource keys;

  private Gateway(
      Vertx vertx,
      String deploymentId,
      BoundPorts ports,
      Stores sharedStores,
      ClientKeySource keys) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.ports = ports;
    this.sharedStores = sharedStores;
    this.keys = keys;
  }

  /** Starts the gateway on {@code vertx}; completes when every listener is bound. */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
    requireNonNull(vertx, "vertx");
    requireNonNull(config, "config");
    ClientRegistry clients = ClientRegistry.fromConfig(config.clients());
    StoreConfig storeConfig = config.store();
    Stores sharedStores =
        storeConfig.type() == StoreConfig.Type.MEMORY
            ? Stores.inMemory(storeConfig.memory().maxEntries())
            : null;
    // The in-memory stores are one for the process; Redis connections belong to each event loop.
    Function<Vertx, Stores> storesOpener =
        sharedStores != null
            ? v -> sharedStores
            : v ->
                Stores.redis(
                    v,
                    new RedisStoreOptions(
                        storeConfig.redis().connectionString(),
                        storeConfig.keyPrefix(),
                        storeConfig.redis().maxWaitingHandlers(),
                        Duration.ofMillis(storeConfig.redis().commandTimeoutMs())));
    int instances =
        config.server().verticles() > 0
            ? config.server().verticles()
            : Runtime.getRuntime().availableProcessors();
    String anchorsPath = config.clientAuthentication().mtls().trustAnchorsPath();
    Set<TrustAnchor> trustAnchors;
    try {
      trustAnchors = anchorsPath == null ? Set.of() : TrustAnchors.load(Path.of(anchorsPath));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "client_authentication.mtls.trust_anchors_path: " + e.getMessage(), e));
    }
    BoundPorts ports =
        new BoundPorts(config.listeners().stream().map(ListenerConfig::port).toList());
    SignatureChecks signatures;
    try {
      signatures = SignatureChecks.fromEnvironment();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A provider setting that cannot be honoured stops the start, with the reason.
      return Future.failedFuture(e);
    }
    // One key source for the process: jwks_uri fetches and their rate limit are per client.
    ClientKeySource keys = ClientKeySource.create(vertx, config.clientAuthentication().jwks());
    LOG.info(
        "starting: {} verticle(s), store={}, TLS {}",
        instances,
        storeConfig.type().name().toLowerCase(java.util.Locale.ROOT),
        ServerTls.describeEngine());
    if (signatures.isNative()) {
      LOG.info("signatures checked on {}", signatures.description());
    } else {
      LOG.warn(
          "signatures checked on {}: ES256 and EdDSA checks take about a millisecond there and run"
              + " on the worker pool",
          signatures.description());
    }
    return loadTls(vertx, config)
        .compose(
            listenerTls ->
                vertx.deployVerticle(
                    () ->
                        new GatewayVerticle(
                            config,
                            clients,
                            storesOpener,
                            sharedStores == null,
                            ports,
                            trustAnchors,
                            keys,
                            signatures,
                            listenerTls),
                    new DeploymentOptions().setInstances(instances)))
        .map(id -> new Gateway(vertx, id, ports, sharedStores, keys))
        .onFailure(
            failure -> {
              // Vert.x has undeployed whatever did start; what is shared is closed here.
              keys.close();
              if (sharedStores != null) {
                sharedStores.close();
              }
            })
        .onSuccess(
            gateway -> {
              List<String> bound = new ArrayList<>();
              for (int i = 0; i < config.listeners().size(); i++) {
                bound.add(config.listeners().get(i).host() + ":" + gateway.port(i));
              }
              LOG.info("listening on {}; upstream {}", bound, config.upstream().baseUrl());
            });
  }

  /**
   * Reads and checks the certificate and key of every TLS listener once, before any verticle
   * starts, so that a pair that cannot be served stops the start with the listener's name.
   */
  private static Future<Map<Integer, ListenerTls>> loadTls(Vertx vertx, GatewayConfig config) {
    Map<Integer, Future<ListenerTls>> loading = new HashMap<>();
    for (int i = 0; i < config.listeners().size(); i++) {
      TlsConfig tls = config.listeners().get(i).tls();
      if (tls == null) {
        continue;
      }
      String name = "listeners[" + i + "]";
      loading.put(
          i,
          ListenerTls.load(vertx, name, tls)
              .onSuccess(
                  listenerTls -> {
                    LOG.info("{}", listenerTls.describe());
                    if (tls.engine() == TlsConfig.Engine.AUTO && !listenerTls.openSsl()) {
                      LOG.warn("{}: TLS falls back to the {}", name, ServerTls.describeEngine());
                    }
                  }));
    }
    return Future.all(List.copyOf(loading.values()))
        .map(
            all -> {
              Map<Integer, ListenerTls> loaded = new HashMap<>();
              loading.forEach((index, future) -> loaded.put(index, future.result()));
              return Map.copyOf(loaded);
            });
  }

  /** The port listener {@code index} is bound to. */
  public int port(int index) {
    return ports.port(index);
  }

  /** The port of the first listener. */
  public int port() {
    return port(0);
  }

  /** Stops accepting, drains in-flight exchanges up to the configured bound, and closes. */
  public Future<Void> stop() {
    return vertx
        .undeploy(deploymentId)
        .eventually(keys::close)
        .eventually(() -> sharedStores == null ? Future.succeededFuture() : sharedStores.close());
  }

  /** {@code scheme://host[:port]} of {@code uri}. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /**
   * Where clients look for the discovery documents of {@code issuer}: OIDC Discovery §4 appends to
   * the issuer, RFC 8414 §3.1 inserts the well-known segment before the issuer's path.
   */
  static List<String> discoveryPaths(URI issuer) {
    String path = issuer.getPath() == null ? "" : issuer.getPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    List<String> paths = new ArrayList<>();
    paths.add(path + "/.well-known/openid-configuration");
    paths.add(path + "/.well-known/oauth-authorization-server");
    if (!path.isEmpty()) {
      paths.add("/.well-known/oauth-authorization-server" + path);
    }
    return paths;
  }
}
