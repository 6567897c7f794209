package io.pargateway.http;

import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a bound. A larger body fails with 413 (RFC 9126 §2.3) as soon as the
 * bound is passed, from {@code Content-Length} when it is given, and the rest is not kept.
 */
final class BoundedBody {

  private BoundedBody() {}

  static Future<Buffer> read(HttpServerRequest request, int maxBytes) {
    long declared = -1;
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(OAuthException.invalidRequest("malformed Content-Length"));
      }
      if (declared > maxBytes) {
        return Future.failedFuture(tooLarge(maxBytes));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer(declared < 0 ? 256 : (int) declared);
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > maxBytes) {
            promise.tryFail(tooLarge(maxBytes));
          } else if (!promise.future().isComplete()) {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }

  private static OAuthException tooLarge(int maxBytes) {
    return OAuthException.payloadTooLarge("request body is larger than " + maxBytes + " bytes");
  }
}
