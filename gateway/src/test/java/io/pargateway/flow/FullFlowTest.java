package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.RedisServerFixture;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole path with real parts: a Nimbus PAR client pushes to the gateway, the browser step goes
 * through the gateway to mock-oauth2-server, which issues a code to the redirect URI, and the code
 * is exchanged for tokens at the upstream's token endpoint through the gateway. Both stores (Redis
 * on a real redis-server), both forwarding modes, both secret methods.
 */
@ExtendWith(VertxExtension.class)
class FullFlowTest {

  private static UpstreamOp upstream;
  private static RedisServerFixture redis;

  @BeforeAll
  static void startParts() {
    upstream = UpstreamOp.start();
    redis = new RedisServerFixture().start();
  }

  @AfterAll
  static void stopParts() {
    upstream.close();
    redis.stop();
  }

  static Stream<Arguments> setups() {
    return Stream.of(
        Arguments.of("memory", "proxy", "client_secret_basic"),
        Arguments.of("memory", "redirect", "client_secret_post"),
        Arguments.of("redis", "proxy", "client_secret_post"),
        Arguments.of("redis", "redirect", "client_secret_basic"));
  }

  @ParameterizedTest(name = "{0} store, {1} mode, {2}")
  @MethodSource("setups")
  void pushAuthorizeAndExchangeCodeThroughTheGateway(
      String store, String mode, String authMethod, Vertx vertx) throws Exception {
    TestConfigs.Options options = TestConfigs.Options.of(upstream).withForwardMode(mode);
    if (store.equals("redis")) {
      options = options.withRedis(redis.connectionString());
    }
    Gateway gateway = Http.await(Gateway.start(vertx, TestConfigs.config(options)));
    try {
      String base = "http://127.0.0.1:" + gateway.port();
      ClientAuthentication clientAuth =
          authMethod.equals("client_secret_basic")
              ? new ClientSecretBasic(
                  new ClientID(TestConfigs.BASIC_CLIENT), new Secret(TestConfigs.BASIC_SECRET))
              : new ClientSecretPost(
                  new ClientID(TestConfigs.POST_CLIENT), new Secret(TestConfigs.POST_SECRET));
      URI redirectUri = URI.create(TestConfigs.REDIRECT_URI);
      CodeVerifier verifier = new CodeVerifier();
      State state = new State();
      AuthorizationRequest authorization =
          new AuthorizationRequest.Builder(ResponseType.CODE, clientAuth.getClientID())
              .redirectionURI(redirectUri)
              .scope(new Scope("openid"))
              .state(state)
              .customParameter("nonce", new Nonce().getValue())
              .codeChallenge(verifier, CodeChallengeMethod.S256)
              .build();

      // 1. Push.
      HTTPResponse pushed =
          new PushedAuthorizationRequest(URI.create(base + "/par"), clientAuth, authorization)
              .toHTTPRequest()
              .send();
      assertThat(pushed.getStatusCode()).isEqualTo(201);
      assertThat(pushed.getHeaderValue("Cache-Control")).contains("no-store");
      PushedAuthorizationResponse parsed = PushedAuthorizationResponse.parse(pushed);
      assertThat(parsed.indicatesSuccess()).isTrue();
      PushedAuthorizationSuccessResponse success = parsed.toSuccessResponse();
      assertThat(success.getRequestURI().toString())
          .startsWith("urn:ietf:params:oauth:request_uri:");
      assertThat(success.getLifetime()).isEqualTo(60);

      // 2. The browser arrives with client_id and request_uri only.
      String authorize =
          base
              + upstream.authorizationPath()
              + "?client_id="
              + enc(clientAuth.getClientID().getValue())
              + "&request_uri="
              + enc(success.getRequestURI().toString());
      HttpResponse<String> answer = Http.get(authorize);
      if (mode.equals("redirect")) {
        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(upstream.baseUrl() + upstream.authorizationPath() + "?");
        answer = Http.get(location);
      }
      // The upstream answered (through the gateway in proxy mode) with the code at redirect_uri.
      assertThat(answer.statusCode()).isEqualTo(302);
      URI callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
      assertThat(callback.getScheme() + "://" + callback.getAuthority() + callback.getPath())
          .isEqualTo(TestConfigs.REDIRECT_URI);
      String code = queryParameter(callback, "code");
      assertThat(queryParameter(callback, "state")).isEqualTo(state.getValue());
      assertThat(code).isNotBlank();

      // 3. Token exchange through the gateway's pass-through.
      TokenRequest tokenRequest =
          new TokenRequest(
              URI.create(base + "/" + UpstreamOp.ISSUER_ID + "/token"),
              clientAuth,
              new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier));
      TokenResponse tokens = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
      assertThat(tokens.indicatesSuccess()).isTrue();
      OIDCTokenResponse oidc = (OIDCTokenResponse) tokens.toSuccessResponse();
      assertThat(oidc.getOIDCTokens().getAccessToken().getValue()).isNotBlank();
      assertThat(oidc.getOIDCTokens().getIDToken().getJWTClaimsSet().getAudience())
          .containsExactly(clientAuth.getClientID().getValue());

      // 4. The request_uri is spent.
      HttpResponse<String> replay = Http.get(authorize);
      assertThat(replay.statusCode()).isEqualTo(400);
      assertThat(replay.body()).contains("invalid_request_uri");
    } finally {
      Http.await(gateway.stop());
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String queryParameter(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
