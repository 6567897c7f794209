package io.pargateway.http;

import io.pargateway.oauth.OAuthException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** How OAuth answers are written: JSON for clients, a page for a person. */
final class Responses {

  private Responses() {}

  /** A JSON body that must not be cached (RFC 6749 §5.1, RFC 9126 §2.2). */
  static Future<Void> json(HttpServerResponse response, int status, JsonObject body) {
    return json(response, status, body.toBuffer());
  }

  /** A JSON body, already encoded, that must not be cached. */
  static Future<Void> json(HttpServerResponse response, int status, Buffer body) {
    noStore(response)
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json;charset=UTF-8");
    return response.end(body);
  }

  /** An RFC 6749 §5.2 error object. */
  static Future<Void> error(HttpServerResponse response, OAuthException error) {
    error.headers().forEach(response::putHeader);
    return json(
        response,
        error.status(),
        new JsonObject()
            .put("error", error.code().code())
            .put("error_description", error.description()));
  }

  /** An error page for a person at the authorization endpoint; never a redirect. */
  static Future<Void> errorPage(HttpServerResponse response, OAuthException error) {
    error.headers().forEach(response::putHeader);
    noStore(response)
        .setStatusCode(error.status())
        .putHeader("Content-Type", "text/html;charset=UTF-8")
        .putHeader("Content-Security-Policy", "default-src 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    String page =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Authorization request refused</title></head><body>"
            + "<h1>Authorization request refused</h1><p>"
            + escape(error.description())
            + "</p><p><code>"
            + escape(error.code().code())
            + "</code></p><p>Go back to the application and start again.</p></body></html>\n";
    return response.end(page);
  }

  static HttpServerResponse noStore(HttpServerResponse response) {
    return response.putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
