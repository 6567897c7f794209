package io.pargateway.http;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.ClientId;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.RegisteredClient;
import io.pargateway.oauth.ErrorCode;
import io.pargateway.oauth.OAuthException;
import io.pargateway.request.Parameters;
import io.pargateway.store.PushedRequestStore;
import io.pargateway.store.RequestUri;
import io.pargateway.upstream.AuthorizationForwarder;
import io.pargateway.upstream.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The authorization endpoint in front of the upstream's (<a
 * href="https://datatracker.ietf.org/doc/html/rfc9126#section-4">RFC 9126 §4</a>).
 *
 * <p>With {@code request_uri}: redeem it once, for the client named by {@code client_id}, and send
 * the stored request on. Without: refuse when PAR is required (RFC 9126 §5, §6), otherwise relay
 * the request unchanged. Errors are pages for a person and are never redirected.
 */
public final class AuthorizeHandler implements Handler<RoutingContext> {

  /** One answer for unknown, expired, used and foreign values: it tells nothing about which. */
  private static final String INVALID_REQUEST_URI =
      "request_uri is invalid, expired or already used";

  private final PushedRequestStore store;
  private final ClientRegistry clients;
  private final AuthorizationForwarder forwarder;
  private final Upstream upstream;
  private final boolean requireParForAll;
  private final int maxBodyBytes;
  private final int maxParameters;

  public AuthorizeHandler(
      PushedRequestStore store,
      ClientRegistry clients,
      AuthorizationForwarder forwarder,
      Upstream upstream,
      boolean requireParForAll,
      int maxBodyBytes,
      int maxParameters) {
    this.store = requireNonNull(store, "store");
    this.clients = requireNonNull(clients, "clients");
    this.forwarder = requireNonNull(forwarder, "forwarder");
    this.upstream = requireNonNull(upstream, "upstream");
    this.requireParForAll = requireParForAll;
    this.maxBodyBytes = maxBodyBytes;
    this.maxParameters = maxParameters;
  }

  @Override
  public void handle(RoutingContext context) {
    Exchange.endpoint(context, "authorize", true);
    HttpServerRequest request = context.request();
    Future<Buffer> body;
    if (request.method() == HttpMethod.GET) {
      body = Future.succeededFuture(Buffer.buffer());
    } else if (request.method() == HttpMethod.POST && FormContent.isForm(request)) {
      // OIDC Core §3.1.2.1: the authorization endpoint accepts POST with a form body too.
      body = BoundedBody.read(request, maxBodyBytes);
    } else if (request.method() == HttpMethod.POST) {
      context.fail(
          OAuthException.unsupportedMediaType(
              "the body must be application/x-www-form-urlencoded"));
      return;
    } else {
      context.fail(OAuthException.methodNotAllowed("GET, POST"));
      return;
    }
    body.compose(buffer -> dispatch(context, buffer)).onFailure(context::fail);
  }

  private Future<Void> dispatch(RoutingContext context, Buffer body) {
    HttpServerRequest request = context.request();
    String encoded =
        request.method() == HttpMethod.GET
            ? nullToEmpty(request.query())
            : body.toString(StandardCharsets.UTF_8);
    Parameters parameters = FormParser.parse(encoded, maxParameters);
    String clientIdValue = parameters.get("client_id");
    Optional<ClientId> clientId = ClientId.tryParse(clientIdValue);
    // Only a well-formed id reaches the log line: no control characters from a query string.
    clientId.ifPresent(id -> context.put(Exchange.CLIENT_ID, id.value()));
    if (parameters.has("request_uri")) {
      if (clientIdValue == null) {
        throw OAuthException.invalidRequest("client_id is required with request_uri");
      }
      return redeem(request, parameters.get("request_uri"), clientId);
    }
    boolean clientRequiresPar =
        clientId
            .flatMap(clients::find)
            .map(RegisteredClient::requirePushedAuthorizationRequests)
            .orElse(false);
    if (requireParForAll || clientRequiresPar) {
      throw OAuthException.invalidRequest(
          "this authorization server accepts authorization requests only through pushed"
              + " authorization requests");
    }
    return upstream.relay(request, request.method(), request.uri(), body, false);
  }

  private Future<Void> redeem(
      HttpServerRequest request, String requestUriValue, Optional<ClientId> clientId) {
    RequestUri requestUri;
    try {
      requestUri = RequestUri.parse(requestUriValue);
    } catch (IllegalArgumentException e) {
      throw OAuthException.of(ErrorCode.INVALID_REQUEST_URI, INVALID_REQUEST_URI);
    }
    if (clientId.isEmpty()) {
      throw OAuthException.of(ErrorCode.INVALID_REQUEST_URI, INVALID_REQUEST_URI);
    }
    return store
        .redeem(requestUri, clientId.get())
        .compose(
            pushed -> {
              if (pushed == null) {
                return Future.failedFuture(
                    OAuthException.of(ErrorCode.INVALID_REQUEST_URI, INVALID_REQUEST_URI));
              }
              return forwarder.forward(request, Parameters.of(pushed.parameters()));
            });
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
