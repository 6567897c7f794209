package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.pargateway.config.ClientAuthenticationConfig.JwksConfig;
import io.pargateway.crypto.VerificationKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a client's JWK Set from its {@code jwks_uri} (<a
 * href="https://datatracker.ietf.org/doc/html/rfc7591#section-2">RFC 7591 §2</a>) without blocking:
 * one GET, no redirects, bounded in time ({@code fetch_timeout_ms} for the whole exchange) and size
 * ({@code max_bytes}). Past either bound, or on any status but 200, the connection is closed at
 * once rather than read to its end, so that a peer cannot keep the gateway reading. Only a 200
 * whose body is a JSON JWK Set (RFC 7517 §5) counts; from it, only the keys the gateway verifies
 * with are kept ({@link VerificationKeys}): keys with private parts, of other types or of
 * unsuitable sizes are dropped.
 *
 * <p>It uses the core HTTP client rather than the web client built on it: the web client gives up
 * its handle on the request once the response has begun, and can then no longer abort a body that
 * grows past the bound.
 */
final class JwksFetcher {

  private final Vertx vertx;
  private final HttpClient client;
  private final int maxBytes;
  private final long timeoutMillis;

  JwksFetcher(Vertx vertx, HttpClient client, JwksConfig config) {
    this.vertx = requireNonNull(vertx, "vertx");
    this.client = requireNonNull(client, "client");
    this.maxBytes = config.maxBytes();
    this.timeoutMillis = config.fetchTimeoutMs();
  }

  /** The usable keys at {@code uri}; fails with a message fit for the log when there are none. */
  Future<JWKSet> fetch(URI uri) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(uri.toString())
            .setFollowRedirects(false)
            .setConnectTimeout(timeoutMillis)
            .setIdleTimeout(timeoutMillis)
            .putHeader("Accept", "application/jwk-set+json, application/json");
    try {
      return client
          .request(options)
          .compose(this::exchange)
          .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
          .compose(JwksFetcher::keySet);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The body of a 200, read up to the bounds. */
  private Future<Buffer> exchange(HttpClientRequest request) {
    Promise<Buffer> result = Promise.promise();
    long timer =
        vertx.setTimer(
            timeoutMillis,
            id -> abort(request, result, "no complete answer within " + timeoutMillis + " ms"));
    request
        .send()
        .onComplete(
            sent -> {
              if (sent.failed()) {
                result.tryFail(sent.cause());
                return;
              }
              HttpClientResponse response = sent.result();
              if (response.statusCode() != 200) {
                abort(request, result, "answered " + response.statusCode());
                return;
              }
              Buffer body = Buffer.buffer();
              response.handler(
                  chunk -> {
                    if (result.future().isComplete()) {
                      return;
                    }
                    if ((long) body.length() + chunk.length() > maxBytes) {
                      abort(request, result, "answered more than " + maxBytes + " bytes");
                      return;
                    }
                    body.appendBuffer(chunk);
                  });
              response.exceptionHandler(result::tryFail);
              response.endHandler(end -> result.tryComplete(body));
            });
    return result.future().andThen(done -> vertx.cancelTimer(timer));
  }

  /** Ends the exchange: on HTTP/1.1 only closing the connection stops a response mid-way. */
  private static void abort(HttpClientRequest request, Promise<Buffer> result, String reason) {
    if (result.tryFail(reason)) {
      request.connection().close();
    }
  }

  private static Future<JWKSet> keySet(Buffer body) {
    Map<String, Object> document;
    try {
      document = JSONObjectUtils.parse(body.toString(StandardCharsets.UTF_8));
    } catch (ParseException | RuntimeException e) {
      return Future.failedFuture("answered something that is not a JSON object");
    }
    if (!(document.get("keys") instanceof List<?> members)) {
      return Future.failedFuture("answered JSON without a keys array");
    }
    return Future.succeededFuture(new JWKSet(usable(members)));
  }

  private static List<JWK> usable(List<?> members) {
    List<JWK> keys = new ArrayList<>();
    for (Object member : members) {
      if (member instanceof Map<?, ?> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> jwk = (Map<String, Object>) raw;
        VerificationKeys.parsePublic(jwk).ifPresent(keys::add);
      }
    }
    return keys;
  }
}
