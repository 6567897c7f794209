package io.pargateway;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientRegistry;
import io.pargateway.client.auth.AssertionPolicy;
import io.pargateway.client.auth.ClientAuthenticator;
import io.pargateway.client.auth.ClientKeySource;
import io.pargateway.config.AuthorizationConfig.ForwardMode;
import io.pargateway.config.GatewayConfig;
import io.pargateway.config.ListenerConfig;
import io.pargateway.crypto.CryptoExecutor;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.http.AuthorizeHandler;
import io.pargateway.http.DiscoveryHandler;
import io.pargateway.http.FailureHandler;
import io.pargateway.http.HealthHandlers;
import io.pargateway.http.ParHandler;
import io.pargateway.http.RequestLog;
import io.pargateway.request.PushService;
import io.pargateway.request.PushedRequestChecks;
import io.pargateway.store.PushedRequestStore;
import io.pargateway.store.Stores;
import io.pargateway.tls.ClientCertificates;
import io.pargateway.tls.ListenerTls;
import io.pargateway.upstream.AuthorizationForwarder;
import io.pargateway.upstream.DiscoveryDocuments;
import io.pargateway.upstream.PassThroughProxy;
import io.pargateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One event loop's share of the gateway: its routes, its upstream client and store connections, and
 * one server per listener (Vert.x spreads connections over the instances).
 */
final class GatewayVerticle extends VerticleBase {

  private static final int CRYPTO_WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private static final int CRYPTO_MAX_PENDING = 1024;

  private final GatewayConfig config;
  private final ClientRegistry clients;
  private final Function<io.vertx.core.Vertx, Stores> storesOpener;
  private final boolean ownsStores;
  private final BoundPorts ports;
  private final Set<TrustAnchor> trustAnchors;
  private final ClientKeySource keys;
  private final SignatureChecks signatures;
  private final Map<Integer, ListenerTls> listenerTls;
  private final List<Runnable> unwatches = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private Stores stores;
  private PushedRequestStore store;
  private Upstream upstream;

  GatewayVerticle(
      GatewayConfig config,
      ClientRegistry clients,
      Function<io.vertx.core.Vertx, Stores> storesOpener,
      boolean ownsStores,
      BoundPorts ports,
      Set<TrustAnchor> trustAnchors,
      ClientKeySource keys,
      SignatureChecks signatures,
      Map<Integer, ListenerTls> listenerTls) {
    this.config = requireNonNull(config, "config");
    this.clients = requireNonNull(clients, "clients");
    this.storesOpener = requireNonNull(storesOpener, "storesOpener");
    this.ownsStores = ownsStores;
    this.ports = requireNonNull(ports, "ports");
    this.trustAnchors = Set.copyOf(trustAnchors);
    this.keys = requireNonNull(keys, "keys");
    this.signatures = requireNonNull(signatures, "signatures");
    this.listenerTls = Map.copyOf(listenerTls);
  }

  @Override
  public Future<?> start() {
    stores = storesOpener.apply(vertx);
    store = stores.requests();
    upstream = Upstream.create(vertx, config.upstream());
    Router router = routes();
    List<Future<HttpServer>> listening = new ArrayList<>();
    for (int i = 0; i < config.listeners().size(); i++) {
      ListenerConfig listener = config.listeners().get(i);
      HttpServerOptions options =
          new HttpServerOptions().setHost(listener.host()).setPort(ports.requested(i));
      ListenerTls tls = listenerTls.get(i);
      if (tls != null) {
        tls.configure(options);
      }
      if (forwardsCertificates()) {
        // The default 8 KiB for the whole request head leaves no room for a forwarded chain.
        int limit = HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + ClientCertificates.MAX_HEADER_CHARS;
        options.setMaxHeaderSize(limit).getInitialSettings().setMaxHeaderListSize(limit);
      }
      int index = i;
      listening.add(
          vertx
              .createHttpServer(options)
              .requestHandler(router)
              .listen()
              .onSuccess(
                  server -> {
                    servers.add(server);
                    ports.record(index, server.actualPort());
                    if (tls != null) {
                      tls.watch(server);
                      unwatches.add(() -> tls.unwatch(server));
                    }
                  }));
    }
    return Future.all(listening);
  }

  private boolean forwardsCertificates() {
    String header = config.clientAuthentication().mtls().forwardedCertificate().header();
    return header != null && !header.isEmpty();
  }

  private Router routes() {
    URI issuer = URI.create(config.issuer());
    SecureRandom random;
    try {
      // Hash_DRBG: a CSPRNG that, once seeded, never touches a device file on the event loop.
      random = SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      random = new SecureRandom();
    }
    String origin = Gateway.origin(issuer);
    // The PAR endpoint URL as the discovery document publishes it, also an accepted assertion aud.
    String parEndpoint = origin + config.par().path();
    ClientAuthenticator authenticator =
        ClientAuthenticator.create(
            clients,
            trustAnchors,
            keys,
            AssertionPolicy.of(
                config.clientAuthentication().assertion(), config.issuer(), parEndpoint),
            stores.replays(),
            signatures,
            crypto());
    PushService push =
        new PushService(
            authenticator,
            PushedRequestChecks.defaults(),
            store,
            Duration.ofSeconds(config.par().requestUriLifetimeSeconds()),
            random);
    AuthorizationForwarder forwarder =
        config.authorization().forwardMode() == ForwardMode.PROXY
            ? AuthorizationForwarder.proxy(upstream, config.upstream().authorizationPath())
            : AuthorizationForwarder.redirect(
                config.upstream().publicBaseUrl() + config.upstream().authorizationPath());
    DiscoveryDocuments documents =
        new DiscoveryDocuments(
            upstream,
            URI.create(origin),
            parEndpoint,
            config.par().requirePushedAuthorizationRequests(),
            config.upstream().metadataCacheSeconds(),
            System::nanoTime);
    DiscoveryHandler discovery =
        new DiscoveryHandler(documents, config.upstream().metadataCacheSeconds());
    PassThroughProxy passThrough = PassThroughProxy.create(upstream);

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog());
    router
        .route(config.par().path())
        .handler(
            new ParHandler(
                push, new ClientCertificates(config.clientAuthentication().mtls()), config.par()));
    router
        .route(config.authorization().path())
        .handler(
            new AuthorizeHandler(
                store,
                clients,
                forwarder,
                upstream,
                config.par().requirePushedAuthorizationRequests(),
                config.par().maxBodyBytes(),
                config.par().maxParameters()));
    for (String path : Gateway.discoveryPaths(issuer)) {
      router.get(path).handler(discovery);
    }
    router.get("/health/live").handler(HealthHandlers.live());
    router.get("/health/ready").handler(HealthHandlers.ready(store));
    router.route().handler(context -> passThrough.handle(context.request()));
    router.route().failureHandler(new FailureHandler());
    return router;
  }

  /**
   * Slow cryptography (ES256 and EdDSA signatures and certificate chains on the JDK's providers)
   * runs on one worker pool for the process, with a bound on the work waiting for it; {@link
   * SignatureChecks} decides what goes there.
   */
  private CryptoExecutor crypto() {
    return CryptoExecutor.bounded(
        vertx.createSharedWorkerExecutor("pargw-crypto", CRYPTO_WORKERS), CRYPTO_MAX_PENDING);
  }

  @Override
  public Future<?> stop() {
    unwatches.forEach(Runnable::run);
    long timeout = config.server().shutdownTimeoutMs();
    List<Future<Void>> drained = new ArrayList<>();
    for (HttpServer server : servers) {
      // Stops accepting, lets in-flight exchanges finish up to the bound, then closes.
      drained.add(server.shutdown(timeout, TimeUnit.MILLISECONDS));
    }
    return Future.join(drained)
        .eventually(() -> upstream == null ? Future.succeededFuture() : upstream.close())
        .eventually(() -> ownsStores && stores != null ? stores.close() : Future.succeededFuture());
  }
}
