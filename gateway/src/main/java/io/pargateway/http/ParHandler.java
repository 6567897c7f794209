package io.pargateway.http;

import static java.util.Objects.requireNonNull;

import io.pargateway.client.auth.ClientAuthRequest;
import io.pargateway.config.ParConfig;
import io.pargateway.oauth.OAuthException;
import io.pargateway.request.PushService;
import io.pargateway.tls.ClientCertificates;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /par} (<a href="https://datatracker.ietf.org/doc/html/rfc9126#section-2">RFC 9126
 * §2</a>): HTTP in, {@link PushService} in the middle, 201 out. No protocol rule lives here.
 */
public final class ParHandler implements Handler<RoutingContext> {

  private final PushService service;
  private final ClientCertificates certificates;
  private final int maxBodyBytes;
  private final int maxParameters;

  public ParHandler(PushService service, ClientCertificates certificates, ParConfig config) {
    this.service = requireNonNull(service, "service");
    this.certificates = requireNonNull(certificates, "certificates");
    this.maxBodyBytes = config.maxBodyBytes();
    this.maxParameters = config.maxParameters();
  }

  @Override
  public void handle(RoutingContext context) {
    Exchange.endpoint(context, "par", false);
    HttpServerRequest request = context.request();
    if (request.method() != HttpMethod.POST) {
      context.fail(OAuthException.methodNotAllowed("POST"));
      return;
    }
    if (!FormContent.isForm(request)) {
      context.fail(
          OAuthException.unsupportedMediaType(
              "the body must be application/x-www-form-urlencoded"));
      return;
    }
    BoundedBody.read(request, maxBodyBytes)
        .map(body -> FormParser.parse(body.toString(StandardCharsets.UTF_8), maxParameters))
        .compose(
            form ->
                service.push(
                    new ClientAuthRequest(
                        request.getHeader("Authorization"), form, certificates.of(request))))
        .onSuccess(
            pushed -> {
              context.put(Exchange.CLIENT_ID, pushed.clientId().value());
              // A request_uri is a URN and base64url characters: nothing in it needs escaping.
              Responses.json(
                  context.response(),
                  201,
                  Buffer.buffer(
                      "{\"request_uri\":\""
                          + pushed.requestUri().value()
                          + "\",\"expires_in\":"
                          + pushed.expiresIn()
                          + "}"));
            })
        .onFailure(context::fail);
  }
}
