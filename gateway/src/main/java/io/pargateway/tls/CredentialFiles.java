package io.pargateway.tls;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;

/**
 * The certificate and key files of a listener, looked at and read through Vert.x's asynchronous
 * file system, so that an event loop never waits for the disk.
 */
final class CredentialFiles {

  /**
   * What the two files look like from outside: last-modified time and size of each, following
   * symbolic links. A Kubernetes Secret volume swaps a {@code ..data} link to a new directory,
   * which changes both; an editor rewriting in place changes at least the time.
   */
  record Stamp(long certModified, long certSize, long keyModified, long keySize) {}

  /** The credentials read, and the stamp taken before reading them. */
  record Snapshot(Stamp stamp, PemCredentials credentials) {}

  private final String certPath;
  private final String keyPath;

  CredentialFiles(String certPath, String keyPath) {
    this.certPath = requireNonNull(certPath, "certPath");
    this.keyPath = requireNonNull(keyPath, "keyPath");
  }

  Future<Stamp> stamp(Vertx vertx) {
    FileSystem files = vertx.fileSystem();
    Future<FileProps> cert = files.props(certPath);
    Future<FileProps> key = files.props(keyPath);
    return Future.all(cert, key)
        .map(
            both ->
                new Stamp(
                    cert.result().lastModifiedTime(),
                    cert.result().size(),
                    key.result().lastModifiedTime(),
                    key.result().size()));
  }

  /**
   * Reads and checks the pair. The stamp is taken first, so a change during the read shows as a
   * different stamp at the next look.
   */
  Future<Snapshot> load(Vertx vertx) {
    return stamp(vertx)
        .compose(
            stamp -> {
              FileSystem files = vertx.fileSystem();
              Future<Buffer> cert = files.readFile(certPath);
              Future<Buffer> key = files.readFile(keyPath);
              return Future.all(cert, key)
                  .compose(
                      both ->
                          vertx.executeBlocking(
                              () -> PemCredentials.parse(vertx, cert.result(), key.result()),
                              false))
                  .map(credentials -> new Snapshot(stamp, credentials));
            });
  }

  /** For logs. */
  String describe() {
    return certPath + " and " + keyPath;
  }
}
