package io.pargateway.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;

/** The building blocks the simulations share: protocol, requests, injection and gates. */
final class Flows {

  /** S256 of the RFC 7636 Appendix B verifier. */
  private static final String CODE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  /** RFC 7523 §2.2. */
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private static final String CLIENT_ASSERTION = "clientAssertion";

  private Flows() {}

  /**
   * Plain HTTP/1.1 keep-alive: virtual users take connections from one shared pool, as a client's
   * HTTP stack would, instead of each opening its own. Redirects are never followed: the
   * authorization endpoint's answer is a redirect to the client, which is the end of the flow.
   */
  static HttpProtocolBuilder protocol(LoadSettings settings) {
    return base(settings).shareConnections();
  }

  /**
   * HTTPS to a listener that asks for client certificates, presenting the one of {@link
   * ClientCertificateKeys}; HTTP/1.1, as Gatling offers no ALPN unless asked to, and any server
   * certificate is trusted (Gatling's default).
   *
   * <p>Kept alive: the shared pool of {@link #protocol}, on the one TLS context Gatling builds for
   * it from {@code gatling.ssl.keyStore.*} (a shared pool cannot have one per user).
   *
   * <p>New connections: each virtual user has its own pool and its own TLS context, with the key
   * manager of {@code perUserKeyManagerFactory}, and its one request opens a connection, closed
   * when the user ends. A fresh context has no session to offer, so every handshake is a full one
   * with a client certificate: each one the server asks for is counted as {@code
   * count.client_certificate_requests}, which equals the number of requests when no session was
   * resumed.
   */
  static HttpProtocolBuilder mtlsProtocol(LoadSettings settings, boolean newConnections) {
    // Read here for both, so that a missing or unreadable keystore stops the run before it starts.
    ClientCertificateKeys keys =
        ClientCertificateKeys.fromSystemProperties(
            engine -> LoadRecorder.count("client_certificate_requests"));
    if (!newConnections) {
      return protocol(settings);
    }
    KeyManagerFactory perUser = keys.keyManagerFactory();
    return base(settings).perUserKeyManagerFactory(userId -> perUser);
  }

  private static HttpProtocolBuilder base(LoadSettings settings) {
    return http.baseUrl(settings.baseUrl())
        .disableWarmUp() // the default warm-up fetches a page from the internet
        .disableFollowRedirect()
        .disableCaching()
        .userAgentHeader("par-gateway-load-tests");
  }

  /**
   * {@code POST /par} with {@code client_secret_basic} and a typical code flow request with PKCE;
   * 201 with a request_uri is a success. With {@code keepRequestUri} the request_uri is kept in the
   * session as {@code requestUri} for the next step.
   */
  static ChainBuilder push(LoadSettings settings, boolean keepRequestUri) {
    return exec(LoadRecorder::begin)
        .exec(
            pushRequest(settings, keepRequestUri)
                .header("Authorization", settings.basicAuthorization())
                .body(StringBody(pushForm(settings))))
        .exec(LoadRecorder.end("push"))
        .exitHereIfFailed();
  }

  /**
   * {@code POST /par} as {@link #push}, by the {@code tls_client_auth} client {@code mtlsClientId}:
   * no secret, the client certificate of the TLS connection authenticates it (RFC 8705 §2.1), and
   * {@code client_id} in the form names it (RFC 8705 §2).
   */
  static ChainBuilder pushWithCertificate(LoadSettings settings) {
    return exec(LoadRecorder::begin)
        .exec(
            pushRequest(settings, false)
                .body(
                    StringBody(
                        pushForm(settings) + "&client_id=" + encode(settings.mtlsClientId()))))
        .exec(LoadRecorder.end("push"))
        .exitHereIfFailed();
  }

  /**
   * The same push authenticated with {@code private_key_jwt} (RFC 7523 §2.2, RFC 9126 §2.1): a new
   * client assertion for each push, signed by {@code assertions} before the request is timed, in
   * the form with {@code client_id}. A JWS in compact form is form-safe as it is (base64url and
   * dots).
   */
  static ChainBuilder pushWithAssertion(
      LoadSettings settings, ClientAssertionSigner assertions, boolean keepRequestUri) {
    String form =
        pushForm(settings)
            + "&client_id="
            + encode(assertions.clientId())
            + "&client_assertion_type="
            + encode(ASSERTION_TYPE)
            + "&client_assertion=";
    return exec(session -> session.set(CLIENT_ASSERTION, assertions.next()))
        .exec(LoadRecorder::begin)
        .exec(
            pushRequest(settings, keepRequestUri)
                .body(StringBody(session -> form + session.getString(CLIENT_ASSERTION))))
        .exec(LoadRecorder.end("push"))
        .exitHereIfFailed();
  }

  /** The push's request: 201 with a request_uri, kept in the session when asked. */
  private static HttpRequestActionBuilder pushRequest(
      LoadSettings settings, boolean keepRequestUri) {
    return http(named("push"))
        .post(settings.parPath())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .check(status().is(201))
        .check(
            keepRequestUri
                ? jsonPath("$.request_uri").saveAs("requestUri")
                : substring("\"request_uri\"").exists());
  }

  /** The authorization request's parameters, without client authentication. */
  private static String pushForm(LoadSettings settings) {
    return "response_type=code"
        + "&redirect_uri="
        + encode(settings.redirectUri())
        + "&scope=openid%20profile"
        + "&state=load-test-state"
        + "&code_challenge="
        + CODE_CHALLENGE
        + "&code_challenge_method=S256";
  }

  /**
   * {@code GET} the authorization endpoint with the pushed request_uri, through the gateway to the
   * upstream OP, whose answer is a redirect to the client with a code.
   */
  static ChainBuilder authorize(LoadSettings settings) {
    return exec(LoadRecorder::begin)
        .exec(
            http(named("authorize"))
                .get(settings.authorizePath())
                .queryParam("client_id", settings.clientId())
                .queryParam("request_uri", "#{requestUri}")
                .check(status().is(302))
                .check(
                    headerRegex(
                            "Location",
                            "^" + Pattern.quote(settings.redirectUri()) + "\\?(.*&)?code=")
                        .exists()))
        .exec(LoadRecorder.end("authorize"))
        .exitHereIfFailed();
  }

  /**
   * The same request_uri a second time: RFC 9126 §4 makes it one-time use, so the gateway must
   * refuse it with {@code invalid_request_uri}. A replay that is let through is a failed request
   * named {@code replay}.
   */
  static ChainBuilder replay(LoadSettings settings) {
    return exec(LoadRecorder::begin)
        .exec(
            http(named("replay"))
                .get(settings.authorizePath())
                .queryParam("client_id", settings.clientId())
                .queryParam("request_uri", "#{requestUri}")
                .check(status().is(400))
                .check(substring("invalid_request_uri").exists()))
        .exec(LoadRecorder.end("replay"))
        .exitHereIfFailed();
  }

  /**
   * Each arriving user runs {@code flow} once, unless an open-model run has passed the gateway's
   * limit (see {@link LoadRecorder#accepting}).
   */
  static ScenarioBuilder scenario(String name, ChainBuilder flow) {
    return CoreDsl.scenario(name).doIf(LoadRecorder::accepting).then(flow);
  }

  /** The injection profile chosen by {@code -Dinjection}. */
  static PopulationBuilder inject(ScenarioBuilder scenario, LoadSettings settings) {
    Duration total = settings.warmup().plus(settings.duration());
    return switch (settings.injection()) {
      case CONSTANT ->
          // The warm-up climbs to the rate: a cold load generator cannot send thousands of
          // requests per second at once, and the backlog it would build up spills into the
          // measured part (on this kind of machine it ends in a storm of new connections).
          settings.warmup().isZero()
              ? scenario.injectOpen(constantUsersPerSec(settings.rate()).during(total))
              : scenario.injectOpen(
                  rampUsersPerSec(settings.rate() / 10)
                      .to(settings.rate())
                      .during(settings.warmup()),
                  constantUsersPerSec(settings.rate()).during(settings.duration()));
      case RAMP ->
          scenario.injectOpen(
              rampUsersPerSec(settings.rampFrom())
                  .to(settings.rampTo())
                  .during(settings.duration()));
      case USERS -> scenario.injectClosed(constantConcurrentUsers(settings.users()).during(total));
    };
  }

  /**
   * The gates: no failed request, ever, warm-up included; and at a given load (constant mode) a p99
   * under {@code p99Ms} for each of {@code requests} sent after the warm-up. Saturation and ramp
   * runs queue by design, so their latency is not gated. None with {@code -Dgates=false}: Gatling
   * then does not read its simulation.log back after the run (seconds for a million requests); the
   * benchmark, which takes its figures and errors from the load summary, runs so.
   */
  static List<Assertion> gates(LoadSettings settings, String... requests) {
    if (!settings.gates()) {
      return List.of();
    }
    List<Assertion> gates = new ArrayList<>();
    gates.add(global().failedRequests().count().is(0L));
    if (settings.injection() == LoadSettings.Injection.CONSTANT) {
      for (String request : requests) {
        gates.add(details(request).responseTime().percentile(99.0).lt(settings.p99Ms()));
      }
    }
    return gates;
  }

  /** {@code name}, or {@code name (warm-up)} for a request sent before measuring starts. */
  private static Function<Session, String> named(String name) {
    String warmingUp = name + " (warm-up)";
    return session -> LoadRecorder.measuring() ? name : warmingUp;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
