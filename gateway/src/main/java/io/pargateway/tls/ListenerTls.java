package io.pargateway.tls;

import static java.util.Objects.requireNonNull;

import io.pargateway.config.TlsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * TLS of one listener for the whole process: its settings, its credentials as read and checked at
 * start, and what each verticle needs to serve them and to follow changes of the files.
 */
public final class ListenerTls {

  private final String name;
  private final ServerTls tls;
  private final CredentialFiles.Snapshot initial;
  private final CertificateReloader reloader;

  private ListenerTls(
      Vertx vertx,
      String name,
      ServerTls tls,
      CredentialFiles files,
      CredentialFiles.Snapshot initial) {
    this.name = name;
    this.tls = tls;
    this.initial = initial;
    this.reloader = new CertificateReloader(vertx, tls, files, name, initial);
  }

  /**
   * Reads and checks the listener's certificate and key.
   *
   * @param name the listener, for logs, e.g. {@code listeners[0]}
   * @return fails with a message naming the listener when the pair cannot be served, or the engine
   *     asked for is not there
   */
  public static Future<ListenerTls> load(Vertx vertx, String name, TlsConfig config) {
    requireNonNull(vertx, "vertx");
    requireNonNull(name, "name");
    ServerTls tls;
    try {
      tls = ServerTls.create(config);
    } catch (IllegalStateException e) {
      return Future.failedFuture(new IllegalStateException(name + "." + e.getMessage(), e));
    }
    CredentialFiles files = new CredentialFiles(config.certPath(), config.keyPath());
    return files
        .load(vertx)
        .recover(
            failure ->
                Future.failedFuture(
                    new IllegalStateException(
                        name
                            + ".tls: cannot serve "
                            + files.describe()
                            + ": "
                            + failure.getMessage(),
                        failure)))
        .map(initial -> new ListenerTls(vertx, name, tls, files, initial));
  }

  /** One line for the start-up log. */
  public String describe() {
    PemCredentials credentials = initial.credentials();
    return name
        + ": "
        + tls.describe()
        + "; certificate "
        + credentials.describe()
        + (credentials.rsa() || tls.tls12CipherSuites().isEmpty()
            ? ""
            : "; only TLS 1.3 clients can connect: the TLS 1.2 cipher suites allowed need an RSA"
                + " certificate");
  }

  /** Whether this listener runs on the OpenSSL engine. */
  public boolean openSsl() {
    return tls.openSsl();
  }

  /** Turns on TLS in {@code options} with the credentials read at start. */
  public HttpServerOptions configure(HttpServerOptions options) {
    return tls.configure(options, initial.credentials());
  }

  /**
   * Gives {@code server}, listening with {@link #configure}'s options, the new credentials whenever
   * the files change, until {@link #unwatch}. The first server watched starts the watch on the
   * calling verticle's event loop.
   */
  public void watch(HttpServer server) {
    reloader.add(server);
  }

  /** Stops updating {@code server}; with no server left, the files are no longer looked at. */
  public void unwatch(HttpServer server) {
    reloader.remove(server);
  }
}
