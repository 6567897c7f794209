package io.pargateway.http;

import static io.pargateway.testing.Http.form;
import static io.pargateway.testing.Http.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.Pushes;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Black-box tests of {@code POST /par}: every refusal with its status and error code. */
class ParEndpointTest {

  private static final String[] BASIC = {TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET};

  private static Vertx vertx;
  private static UpstreamOp upstream;
  private static Gateway gateway;
  private static String par;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = UpstreamOp.start();
    gateway =
        Http.await(Gateway.start(vertx, TestConfigs.config(TestConfigs.Options.of(upstream))));
    par = "http://127.0.0.1:" + gateway.port() + "/par";
  }

  @AfterAll
  static void stop() {
    Http.await(gateway.stop());
    Http.await(vertx.close());
    upstream.close();
  }

  private static Map<String, String> validRequest() {
    return with(Pushes.validRequest(), "client_id", TestConfigs.BASIC_CLIENT);
  }

  private static Map<String, String> with(Map<String, String> base, String... namesAndValues) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(base);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        copy.remove(namesAndValues[i]);
      } else {
        copy.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return copy;
  }

  private static void assertError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("error_description")).isNotBlank();
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void pushWhenValidThen201WithRequestUriAndNoStore() {
    HttpResponse<String> response = postForm(par, form(validRequest()), BASIC);
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("request_uri"))
        .matches("urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}");
    assertThat(body.getLong("expires_in")).isEqualTo(60L);
  }

  @Test
  void pushTwiceThenDistinctRequestUris() {
    String first =
        new JsonObject(postForm(par, form(validRequest()), BASIC).body()).getString("request_uri");
    String second =
        new JsonObject(postForm(par, form(validRequest()), BASIC).body()).getString("request_uri");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void pushWhenClientSecretPostThen201() {
    Map<String, String> request =
        with(
            validRequest(),
            "client_id",
            TestConfigs.POST_CLIENT,
            "client_secret",
            TestConfigs.POST_SECRET);
    assertThat(postForm(par, form(request), null).statusCode()).isEqualTo(201);
  }

  @Test
  void pushWhenWrongSecretThen401WithBasicChallenge() {
    HttpResponse<String> response =
        postForm(par, form(validRequest()), new String[] {TestConfigs.BASIC_CLIENT, "wrong"});
    assertError(response, 401, "invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
    assertThat(response.body()).doesNotContain("wrong");
  }

  @Test
  void pushWhenUnknownClientThenSameAnswerAsWrongSecret() {
    HttpResponse<String> unknown =
        postForm(par, form(validRequest()), new String[] {"nobody", "whatever"});
    HttpResponse<String> wrong =
        postForm(par, form(validRequest()), new String[] {TestConfigs.BASIC_CLIENT, "whatever"});
    assertError(unknown, 401, "invalid_client");
    assertThat(unknown.body()).isEqualTo(wrong.body());
  }

  @Test
  void pushWhenWrongPostSecretThen401WithoutChallenge() {
    Map<String, String> request =
        with(validRequest(), "client_id", TestConfigs.POST_CLIENT, "client_secret", "wrong");
    HttpResponse<String> response = postForm(par, form(request), null);
    assertError(response, 401, "invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void pushWhenTwoAuthenticationMethodsThen401() {
    Map<String, String> request = with(validRequest(), "client_secret", TestConfigs.BASIC_SECRET);
    assertError(postForm(par, form(request), BASIC), 401, "invalid_client");
  }

  @Test
  void pushWhenNoCredentialsThen401() {
    assertError(postForm(par, form(validRequest()), null), 401, "invalid_client");
  }

  @Test
  void pushWhenMethodIsNotTheRegisteredOneThen401() {
    // post-client is registered for client_secret_post; Basic with its right secret is refused.
    Map<String, String> request = with(validRequest(), "client_id", TestConfigs.POST_CLIENT);
    HttpResponse<String> response =
        postForm(
            par, form(request), new String[] {TestConfigs.POST_CLIENT, TestConfigs.POST_SECRET});
    assertError(response, 401, "invalid_client");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of(
            "unregistered redirect_uri",
            with(validRequest(), "redirect_uri", "https://evil.example/cb")),
        Arguments.of(
            "redirect_uri missing with two registered", with(validRequest(), "redirect_uri", null)),
        Arguments.of(
            "request_uri in the payload",
            with(validRequest(), "request_uri", "urn:ietf:params:oauth:request_uri:abc")),
        Arguments.of("plain PKCE", with(validRequest(), "code_challenge_method", "plain")),
        Arguments.of(
            "challenge without method", with(validRequest(), "code_challenge_method", null)),
        Arguments.of("method without challenge", with(validRequest(), "code_challenge", null)),
        Arguments.of("malformed challenge", with(validRequest(), "code_challenge", "short")),
        Arguments.of("response_type missing", with(validRequest(), "response_type", null)),
        Arguments.of(
            "client_id of another client",
            with(validRequest(), "client_id", TestConfigs.POST_CLIENT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void pushWhenRequestBreaksARuleThen400InvalidRequest(String rule, Map<String, String> request) {
    assertError(postForm(par, form(request), BASIC), 400, "invalid_request");
  }

  @Test
  void pushWhenClientRequiresPkceAndNoChallengeThen400() {
    Map<String, String> request =
        with(
            validRequest(),
            "client_id",
            TestConfigs.POST_CLIENT,
            "client_secret",
            TestConfigs.POST_SECRET,
            "code_challenge",
            null,
            "code_challenge_method",
            null);
    assertError(postForm(par, form(request), null), 400, "invalid_request");
  }

  @Test
  void pushWhenParameterRepeatedThen400() {
    String body = form(validRequest()) + "&scope=email";
    HttpResponse<String> response = postForm(par, body, BASIC);
    assertError(response, 400, "invalid_request");
    assertThat(new JsonObject(response.body()).getString("error_description")).contains("scope");
  }

  @Test
  void pushWhenTooManyParametersThen400() {
    StringBuilder body = new StringBuilder(form(validRequest()));
    for (int i = 0; i < 120; i++) {
      body.append("&p").append(i).append("=x");
    }
    assertError(postForm(par, body.toString(), BASIC), 400, "invalid_request");
  }

  @Test
  void pushWhenMalformedEncodingThen400() {
    assertError(postForm(par, form(validRequest()) + "&x=%zz", BASIC), 400, "invalid_request");
  }

  @Test
  void pushWhenJsonBodyThen415() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(par))
            .header("Content-Type", "application/json")
            .header("Authorization", Http.basic(BASIC[0], BASIC[1]))
            .POST(HttpRequest.BodyPublishers.ofString("{\"response_type\":\"code\"}"))
            .build();
    assertError(Http.send(request), 415, "invalid_request");
  }

  @Test
  void pushWhenGetThen405WithAllow() {
    HttpResponse<String> response = Http.get(par);
    assertError(response, 405, "invalid_request");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void pushWhenBodyLargerThanLimitThen413() {
    String body = form(with(validRequest(), "padding", "x".repeat(70_000)));
    assertError(postForm(par, body, BASIC), 413, "invalid_request");
  }

  @Test
  void pushWhenChunkedBodyLargerThanLimitThen413() {
    byte[] chunk =
        ("padding=" + "x".repeat(70_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(par))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", Http.basic(BASIC[0], BASIC[1]))
            // A publisher of unknown length makes the client send chunked, without Content-Length.
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(chunk)))
            .build();
    assertError(Http.send(request), 413, "invalid_request");
  }

  @Test
  void pushResponseNeverEchoesTheSecret() {
    Map<String, String> request =
        with(
            validRequest(),
            "client_id",
            TestConfigs.POST_CLIENT,
            "client_secret",
            "s3cr3t-value-xyz");
    HttpResponse<String> response = postForm(par, form(request), null);
    assertThat(response.body()).doesNotContain("s3cr3t-value-xyz");
  }
}
