package io.pargateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every exchange a correlation id ({@code X-Request-Id}, kept from the caller when it is
 * well-formed) and writes one line per outcome at the gateway's own endpoints: endpoint, client id,
 * status, error code, the log-only detail of a refusal (which rule), latency. Parameters,
 * credentials and tokens are never logged.
 */
public final class RequestLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("io.pargateway.access");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

  @Override
  public void handle(RoutingContext context) {
    long start = System.nanoTime();
    String given = context.request().getHeader("X-Request-Id");
    String correlationId =
        given != null && SAFE_ID.matcher(given).matches()
            ? given
            : Long.toHexString(ThreadLocalRandom.current().nextLong());
    context.put(Exchange.CORRELATION_ID, correlationId);
    context.response().putHeader("X-Request-Id", correlationId);
    if (LOG.isInfoEnabled()) {
      context.addEndHandler(
          done -> {
            String endpoint = context.get(Exchange.ENDPOINT);
            if (endpoint != null) {
              LOG.info(
                  "endpoint={} client_id={} status={} error={} detail=\"{}\" latency_us={}"
                      + " correlation_id={}",
                  endpoint,
                  context.get(Exchange.CLIENT_ID),
                  context.response().getStatusCode(),
                  context.get(Exchange.ERROR),
                  context.get(Exchange.DETAIL),
                  (System.nanoTime() - start) / 1000,
                  correlationId);
            }
          });
    }
    context.next();
  }
}
