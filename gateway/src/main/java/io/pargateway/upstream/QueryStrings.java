package io.pargateway.upstream;

import io.pargateway.request.Parameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Serialises parameters as {@code application/x-www-form-urlencoded}. */
final class QueryStrings {

  private QueryStrings() {}

  static String encode(Parameters parameters) {
    StringBuilder query = new StringBuilder(256);
    parameters
        .asMap()
        .forEach(
            (name, value) -> {
              if (query.length() > 0) {
                query.append('&');
              }
              query
                  .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                  .append('=')
                  .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            });
    return query.toString();
  }
}
