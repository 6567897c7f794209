package io.pargateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Pushes and redemptions as a client and a browser make them, for black-box tests. */
public final class Pushes {

  /** S256 of the RFC 7636 Appendix B verifier. */
  public static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private Pushes() {}

  /** A valid authorization request for the test clients, state {@code st}. */
  public static Map<String, String> validRequest() {
    return Http.params(
        "response_type", "code",
        "redirect_uri", TestConfigs.REDIRECT_URI,
        "scope", "openid",
        "state", "st",
        "code_challenge", CHALLENGE,
        "code_challenge_method", "S256");
  }

  /** Pushes {@link #validRequest()} with {@code client_secret_basic}. */
  public static HttpResponse<String> push(Gateway gateway, String clientId, String secret) {
    return Http.postForm(
        "http://127.0.0.1:" + gateway.port() + "/par",
        Http.form(validRequest()),
        new String[] {clientId, secret});
  }

  /** Pushes for the Basic test client and returns the request_uri, asserting the 201. */
  public static String pushForRequestUri(Gateway gateway) {
    HttpResponse<String> response =
        push(gateway, TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body()).getString("request_uri");
  }

  /** The URL a browser opens to redeem {@code requestUri} as {@code clientId}. */
  public static String authorizeUrl(Gateway gateway, String clientId, String requestUri) {
    return "http://127.0.0.1:"
        + gateway.port()
        + "/default/authorize?client_id="
        + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&request_uri="
        + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
  }
}
