package io.pargateway.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * Recognises form bodies by their media type (RFC 9126 §2.1 allows no other at the PAR endpoint).
 */
final class FormContent {

  private static final String FORM = "application/x-www-form-urlencoded";

  private FormContent() {}

  static boolean isForm(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null) {
      return false;
    }
    int semicolon = type.indexOf(';');
    String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    return mediaType.equalsIgnoreCase(FORM);
  }
}
