package io.pargateway.http;

import io.vertx.ext.web.RoutingContext;

/**
 * What the handlers record about an exchange for the one log line and the failure handler. Keys of
 * {@link RoutingContext#put}.
 */
final class Exchange {

  static final String ENDPOINT = "pargw.endpoint";
  static final String CLIENT_ID = "pargw.client_id";
  static final String ERROR = "pargw.error";

  /** Log-only detail of a refusal (which rule); never shown to the client. */
  static final String DETAIL = "pargw.detail";

  static final String CORRELATION_ID = "pargw.correlation_id";

  /** Set when errors are for a person (an HTML page) rather than a client (JSON). */
  static final String PAGE = "pargw.page";

  private Exchange() {}

  static void endpoint(RoutingContext context, String endpoint, boolean page) {
    context.put(ENDPOINT, endpoint);
    if (page) {
      context.put(PAGE, Boolean.TRUE);
    }
  }
}
