package io.pargateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.Pushes;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Black-box tests of the authorization endpoint in front of a real upstream OP. */
class AuthorizeEndpointTest {

  private static Vertx vertx;
  private static UpstreamOp upstream;
  private static Gateway gateway;
  private static Gateway shortLived;
  private static String base;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = UpstreamOp.start();
    TestConfigs.Options options = TestConfigs.Options.of(upstream);
    gateway = Http.await(Gateway.start(vertx, TestConfigs.config(options)));
    shortLived =
        Http.await(
            Gateway.start(
                vertx,
                TestConfigs.config(TestConfigs.Options.of(upstream).withLifetimeSeconds(1))));
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    Http.await(gateway.stop());
    Http.await(shortLived.stop());
    Http.await(vertx.close());
    upstream.close();
  }

  private static void assertRefusedPage(HttpResponse<String> response, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).contains(error);
  }

  @Test
  void authorizeWithRequestUriThenUpstreamRedirectsWithCode() {
    String requestUri = Pushes.pushForRequestUri(gateway);
    HttpResponse<String> response =
        Http.get(Pushes.authorizeUrl(gateway, TestConfigs.BASIC_CLIENT, requestUri));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(TestConfigs.REDIRECT_URI + "?")
        .contains("code=")
        .contains("state=st");
  }

  @Test
  void authorizeWhenRedeemedTwiceThenSecondRefused() {
    String requestUri = Pushes.pushForRequestUri(gateway);
    String url = Pushes.authorizeUrl(gateway, TestConfigs.BASIC_CLIENT, requestUri);
    assertThat(Http.get(url).statusCode()).isEqualTo(302);
    assertRefusedPage(Http.get(url), "invalid_request_uri");
  }

  @Test
  void authorizeWhenExpiredThenRefused() throws InterruptedException {
    String requestUri = Pushes.pushForRequestUri(shortLived);
    Thread.sleep(1_500);
    assertRefusedPage(
        Http.get(Pushes.authorizeUrl(shortLived, TestConfigs.BASIC_CLIENT, requestUri)),
        "invalid_request_uri");
  }

  @Test
  void authorizeWhenAnotherClientsIdThenRefusedAlikeAndNotConsumed() {
    String requestUri = Pushes.pushForRequestUri(gateway);
    HttpResponse<String> foreign =
        Http.get(Pushes.authorizeUrl(gateway, TestConfigs.POST_CLIENT, requestUri));
    HttpResponse<String> unknown =
        Http.get(
            Pushes.authorizeUrl(
                gateway,
                TestConfigs.POST_CLIENT,
                "urn:ietf:params:oauth:request_uri:" + "A".repeat(43)));
    assertRefusedPage(foreign, "invalid_request_uri");
    // Same answer as for a value that never existed: nothing tells the two apart.
    assertThat(foreign.body()).isEqualTo(unknown.body());
    // The owner can still use it.
    assertThat(
            Http.get(Pushes.authorizeUrl(gateway, TestConfigs.BASIC_CLIENT, requestUri))
                .statusCode())
        .isEqualTo(302);
  }

  @Test
  void authorizeWhenRequestUriWithoutClientIdThenRefused() {
    String requestUri = Pushes.pushForRequestUri(gateway);
    assertRefusedPage(
        Http.get(
            base
                + "/default/authorize?request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8)),
        "invalid_request");
  }

  @Test
  void authorizeWhenMalformedRequestUriThenRefused() {
    assertRefusedPage(
        Http.get(Pushes.authorizeUrl(gateway, TestConfigs.BASIC_CLIENT, "https://evil.example/ro")),
        "invalid_request_uri");
  }

  @Test
  void authorizeWhenExtraQueryParametersThenTheyAreNotMerged() {
    String requestUri = Pushes.pushForRequestUri(gateway);
    String url =
        Pushes.authorizeUrl(gateway, TestConfigs.BASIC_CLIENT, requestUri)
            + "&redirect_uri="
            + URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8)
            + "&state=injected";
    HttpResponse<String> response = Http.get(url);
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(TestConfigs.REDIRECT_URI + "?")
        .contains("state=st")
        .doesNotContain("injected");
  }

  @Test
  void authorizeWhenClientRequiresParAndNoRequestUriThenRefused() {
    assertRefusedPage(
        Http.get(
            base
                + "/default/authorize?response_type=code&scope=openid&client_id="
                + TestConfigs.PAR_ONLY_CLIENT
                + "&redirect_uri="
                + URLEncoder.encode(TestConfigs.REDIRECT_URI, StandardCharsets.UTF_8)),
        "invalid_request");
  }

  @Test
  void authorizeWhenParNotRequiredThenPassedThroughUnchanged() {
    HttpResponse<String> response =
        Http.get(
            base
                + "/default/authorize?response_type=code&scope=openid&state=plain&client_id="
                + TestConfigs.BASIC_CLIENT
                + "&redirect_uri="
                + URLEncoder.encode(TestConfigs.REDIRECT_URI, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(TestConfigs.REDIRECT_URI + "?")
        .contains("state=plain");
  }

  @Test
  void authorizeWhenParRequiredForAllThenEveryPlainRequestRefused() {
    Gateway strict =
        Http.await(
            Gateway.start(
                vertx,
                TestConfigs.config(TestConfigs.Options.of(upstream).withRequireParForAll(true))));
    try {
      assertRefusedPage(
          Http.get(
              "http://127.0.0.1:"
                  + strict.port()
                  + "/default/authorize?response_type=code&client_id="
                  + TestConfigs.BASIC_CLIENT),
          "invalid_request");
      // A pushed request still goes through.
      String requestUri = Pushes.pushForRequestUri(strict);
      assertThat(
              Http.get(Pushes.authorizeUrl(strict, TestConfigs.BASIC_CLIENT, requestUri))
                  .statusCode())
          .isEqualTo(302);
    } finally {
      Http.await(strict.stop());
    }
  }

  @Test
  void authorizeErrorIsJsonWhenAskedFor() {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        Pushes.authorizeUrl(
                            gateway,
                            TestConfigs.BASIC_CLIENT,
                            "urn:ietf:params:oauth:request_uri:" + "B".repeat(43))))
                .header("Accept", "application/json")
                .GET()
                .build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_request_uri");
  }

  @Test
  void authorizeWhenDeleteThen405() {
    HttpResponse<String> response =
        Http.send(HttpRequest.newBuilder(URI.create(base + "/default/authorize")).DELETE().build());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
  }

  @Test
  void discoveryWhenFetchedThenCarriesParMetadataAndUpstreamIssuer() {
    HttpResponse<String> response = Http.get(base + "/default/.well-known/openid-configuration");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject document = new JsonObject(response.body());
    assertThat(document.getString("issuer")).isEqualTo("http://localhost/default");
    assertThat(document.getString("pushed_authorization_request_endpoint"))
        .isEqualTo("http://localhost/par");
    assertThat(document.getBoolean("require_pushed_authorization_requests")).isFalse();
    assertThat(document.getString("token_endpoint")).isEqualTo("http://localhost/default/token");
  }

  @Test
  void healthWhenStoreAnswersThenLiveAndReady() {
    assertThat(Http.get(base + "/health/live").statusCode()).isEqualTo(200);
    assertThat(Http.get(base + "/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void passThroughWhenOtherPathThenUpstreamAnswers() {
    HttpResponse<String> response = Http.get(base + "/default/jwks");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getJsonArray("keys")).isNotEmpty();
  }
}
