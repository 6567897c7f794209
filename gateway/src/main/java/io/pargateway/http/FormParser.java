package io.pargateway.http;

import io.pargateway.oauth.OAuthException;
import io.pargateway.request.Parameters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code application/x-www-form-urlencoded} strictly: UTF-8, every parameter at most once
 * (<a href="https://datatracker.ietf.org/doc/html/rfc6749#section-3.1">RFC 6749 §3.1</a>), at most
 * a configured number of parameters.
 */
final class FormParser {

  /** Parameter names that may be echoed in an error description. */
  private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  private FormParser() {}

  static Parameters parse(String encoded, int maxParameters) {
    Map<String, String> values = new LinkedHashMap<>();
    int count = 0;
    int start = 0;
    while (start <= encoded.length()) {
      int end = encoded.indexOf('&', start);
      if (end < 0) {
        end = encoded.length();
      }
      if (end > start) {
        if (++count > maxParameters) {
          throw OAuthException.invalidRequest("more than " + maxParameters + " parameters");
        }
        String pair = encoded.substring(start, end);
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (values.putIfAbsent(name, value) != null) {
          throw OAuthException.invalidRequest(
              (PRINTABLE_NAME.matcher(name).matches() ? "parameter " + name : "a parameter")
                  + " is repeated");
        }
      }
      start = end + 1;
    }
    return Parameters.of(values);
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthException.invalidRequest("malformed form encoding");
    }
  }
}
