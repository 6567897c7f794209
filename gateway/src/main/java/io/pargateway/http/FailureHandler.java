package io.pargateway.http;

import io.pargateway.oauth.OAuthException;
import io.pargateway.store.StoreUnavailableException;
import io.pargateway.upstream.UpstreamUnavailableException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP answer. Refusals are OAuth error objects (or pages
 * at the authorization endpoint); anything unexpected is a generic {@code server_error}, logged
 * with the correlation id, never with its text sent to the client.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  /** Seconds a client should wait before trying again after a 503. */
  private static final int RETRY_AFTER_SECONDS = 1;

  @Override
  public void handle(RoutingContext context) {
    OAuthException error = toOAuth(context);
    context.put(Exchange.ERROR, error.code().code());
    if (!error.detail().equals(error.description())) {
      context.put(Exchange.DETAIL, error.detail());
    }
    if (context.response().headWritten()) {
      // Part of an answer already left (a relayed upstream response broke off): nothing to say.
      context.response().reset();
      return;
    }
    if (Boolean.TRUE.equals(context.get(Exchange.PAGE))
        && !acceptsJson(context.request().getHeader("Accept"))) {
      Responses.errorPage(context.response(), error);
    } else {
      Responses.error(context.response(), error);
    }
  }

  private static OAuthException toOAuth(RoutingContext context) {
    Throwable failure = context.failure();
    if (failure instanceof OAuthException oauth) {
      return oauth;
    }
    if (failure instanceof StoreUnavailableException) {
      return unavailable(context, failure, "the service is temporarily unavailable");
    }
    if (failure instanceof UpstreamUnavailableException) {
      return unavailable(context, failure, "the authorization server is temporarily unavailable");
    }
    if (failure == null) {
      return context.statusCode() == 413
          ? OAuthException.payloadTooLarge("request is too large")
          : OAuthException.serverError();
    }
    LOG.error(
        "unexpected failure correlation_id={}", context.get(Exchange.CORRELATION_ID), failure);
    return OAuthException.serverError();
  }

  /** A dependency is down: 503 with {@code Retry-After}, and a warning with the cause's type. */
  private static OAuthException unavailable(
      RoutingContext context, Throwable failure, String description) {
    LOG.warn(
        "{} correlation_id={}: {}",
        description,
        context.get(Exchange.CORRELATION_ID),
        describe(failure));
    return OAuthException.temporarilyUnavailable(description, RETRY_AFTER_SECONDS);
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause();
    return failure.getMessage()
        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
  }

  private static boolean acceptsJson(String accept) {
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }
}
