package io.pargateway.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP ceiling: a bare Vert.x server that answers every POST, once its body is read, with the
 * same status, headers and size of body as a successful push to the gateway, and does nothing else.
 * What the load generator reaches against it on this machine is the most any Vert.x service could
 * reach here; the gateway's figures are judged as a share of it.
 *
 * <p>Same shape as the gateway: one verticle per core on one shared port. {@code GET /health/ready}
 * answers 200, so the same readiness wait works for both.
 *
 * <p>{@code java -cp ... io.pargateway.load.CeilingServer [--host 127.0.0.1] [--port 0]} prints
 * {@code ceiling listening on HOST:PORT} once it accepts connections, and runs until it is stopped.
 */
public final class CeilingServer extends VerticleBase {

  /** A 201 body of the same length as the gateway's. */
  private static final Buffer CREATED =
      Buffer.buffer(
          ("{\"request_uri\":\"urn:ietf:params:oauth:request_uri:"
                  + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"expires_in\":60}")
              .getBytes(StandardCharsets.US_ASCII));

  private static final Buffer UP = Buffer.buffer("{\"status\":\"UP\"}");

  private final String host;
  private final int port;
  private final AtomicInteger boundPort;

  private CeilingServer(String host, int port, AtomicInteger boundPort) {
    this.host = host;
    this.port = port;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    // A negative port asks Vert.x for one random port shared by every instance.
    HttpServerOptions options =
        new HttpServerOptions().setHost(host).setPort(port == 0 ? -1 : port);
    return vertx
        .createHttpServer(options)
        .requestHandler(
            request -> {
              if (request.method() == HttpMethod.POST) {
                request
                    .body()
                    .onComplete(
                        body ->
                            request
                                .response()
                                .setStatusCode(201)
                                .putHeader("Cache-Control", "no-store")
                                .putHeader("Pragma", "no-cache")
                                .putHeader("Content-Type", "application/json;charset=UTF-8")
                                .putHeader("X-Request-Id", "0123456789abcdef")
                                .end(CREATED));
              } else {
                request
                    .response()
                    .putHeader("Content-Type", "application/json;charset=UTF-8")
                    .end(UP);
              }
            })
        .listen()
        .onSuccess((HttpServer server) -> boundPort.set(server.actualPort()));
  }

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String bindHost = host;
    int bindPort = port;
    AtomicInteger bound = new AtomicInteger();
    Vertx vertx = Vertx.vertx();
    vertx
        .deployVerticle(
            () -> new CeilingServer(bindHost, bindPort, bound),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onSuccess(id -> System.out.println("ceiling listening on " + bindHost + ":" + bound.get()))
        .onFailure(
            failure -> {
              System.err.println("ceiling server did not start: " + failure.getMessage());
              vertx.close().onComplete(closed -> System.exit(1));
            });
  }
}
