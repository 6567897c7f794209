package io.pargateway.tls;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves new server credentials when a listener's certificate or key file changes, without a
 * restart and without closing a connection: every {@link #INTERVAL_MS} it compares the files'
 * stamps, and on a change reads the pair, checks it, and hands it to {@code
 * HttpServer.updateSSLOptions} of every server of the listener (one per verticle). New handshakes
 * use the new pair; established connections keep theirs.
 *
 * <p>A pair that fails the check (half written, or a key of another certificate) is not applied:
 * the old pair stays in service, one warning is logged, and the files are read again at every tick
 * until they change into a good pair. Nothing here blocks the event loop: the files are looked at
 * and read asynchronously, and the check runs on a worker.
 *
 * <p>One reloader per listener, on the event loop of the verticle that started it; the servers of
 * the other verticles are updated from there ({@code updateSSLOptions} may be called from any
 * thread). Vert.x gives all servers on one port one TLS context, so the first update changes it and
 * the others, with equal options, find it done.
 */
final class CertificateReloader {

  /**
   * How often the files are looked at. A Kubernetes Secret volume takes a minute or more to show a
   * new Secret, so two seconds adds nothing noticeable; a look is two {@code stat} calls.
   */
  static final long INTERVAL_MS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

  private final Vertx vertx;
  private final ServerTls tls;
  private final CredentialFiles files;
  private final String listener;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private long timer = -1;
  private CredentialFiles.Snapshot served;
  private String lastProblem;
  private boolean busy;

  CertificateReloader(
      Vertx vertx,
      ServerTls tls,
      CredentialFiles files,
      String listener,
      CredentialFiles.Snapshot served) {
    this.vertx = requireNonNull(vertx, "vertx");
    this.tls = requireNonNull(tls, "tls");
    this.files = requireNonNull(files, "files");
    this.listener = requireNonNull(listener, "listener");
    this.served = requireNonNull(served, "served");
  }

  /**
   * Adds a server serving the current credentials; the first one starts the timer on the calling
   * verticle's event loop.
   */
  synchronized void add(HttpServer server) {
    servers.add(requireNonNull(server, "server"));
    if (timer < 0) {
      timer = vertx.setPeriodic(INTERVAL_MS, INTERVAL_MS, id -> tick());
    }
  }

  /** Removes a server; without servers left, the timer stops. */
  synchronized void remove(HttpServer server) {
    servers.remove(server);
    if (servers.isEmpty() && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One look at the files; runs on the timer's event loop only, so no two overlap. */
  private void tick() {
    if (busy) {
      return;
    }
    busy = true;
    files
        .stamp(vertx)
        .compose(
            stamp ->
                stamp.equals(served.stamp())
                    ? Future.succeededFuture()
                    : files.load(vertx).compose(this::apply))
        .onComplete(
            done -> {
              busy = false;
              if (done.failed()) {
                problem(done.cause());
              }
            });
  }

  private Future<Void> apply(CredentialFiles.Snapshot loaded) {
    lastProblem = null;
    if (loaded.credentials().equals(served.credentials())) {
      // Touched, or rewritten with the same content.
      served = loaded;
      return Future.succeededFuture();
    }
    ServerSSLOptions options = tls.sslOptions(loaded.credentials());
    List<Future<Boolean>> updates = new ArrayList<>();
    for (HttpServer server : servers) {
      updates.add(server.updateSSLOptions(options));
    }
    return Future.all(updates)
        .map(
            all -> {
              served = loaded;
              LOG.info(
                  "listener {}: serving new TLS credentials ({}) from {}",
                  listener,
                  loaded.credentials().describe(),
                  files.describe());
              return null;
            });
  }

  private void problem(Throwable cause) {
    String problem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (problem.equals(lastProblem)) {
      LOG.debug("listener {}: TLS credentials still not applied: {}", listener, problem);
      return;
    }
    lastProblem = problem;
    LOG.warn(
        "listener {}: the TLS credentials in {} were not applied, the previous ones stay in"
            + " service; looking again every {} ms: {}",
        listener,
        files.describe(),
        INTERVAL_MS,
        problem);
  }
}
