package io.pargateway.http;

import static java.util.Objects.requireNonNull;

import io.pargateway.upstream.DiscoveryDocuments;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the upstream's discovery documents with the PAR metadata added (RFC 9126 §5). A non-200
 * from the upstream is passed on as its status with an empty body.
 */
public final class DiscoveryHandler implements Handler<RoutingContext> {

  private final DiscoveryDocuments documents;
  private final long maxAgeSeconds;

  public DiscoveryHandler(DiscoveryDocuments documents, long maxAgeSeconds) {
    this.documents = requireNonNull(documents, "documents");
    this.maxAgeSeconds = maxAgeSeconds;
  }

  @Override
  public void handle(RoutingContext context) {
    Exchange.endpoint(context, "discovery", false);
    documents
        .get(context.request().path())
        .onSuccess(
            document -> {
              if (document.body() == null) {
                context.response().setStatusCode(document.status()).end();
                return;
              }
              context
                  .response()
                  .putHeader("Content-Type", "application/json;charset=UTF-8")
                  .putHeader("Cache-Control", "public, max-age=" + maxAgeSeconds)
                  .end(document.body().toBuffer());
            })
        .onFailure(context::fail);
  }
}
