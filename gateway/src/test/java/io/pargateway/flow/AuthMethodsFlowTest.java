package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.SelfSignedTLSClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import io.pargateway.Gateway;
import io.pargateway.config.ConfigLoader;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.Authority;
import io.pargateway.testing.TestCertificates.KeyType;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every client authentication method end to end over real TLS (OpenSSL engine, client certificates
 * requested): a Nimbus PAR client pushes, the browser step goes through the gateway to the upstream
 * OP, and the code is exchanged for tokens through the gateway. Then the mutual-TLS refusals that
 * need a real handshake.
 */
class AuthMethodsFlowTest {

  private static final String PKI_DN = "CN=pki-client,O=Example";
  private static final String JWT_SECRET = "a-client-secret-of-at-least-32-bytes-for-hs256";
  private static final String REDIRECT_URI = "https://client.example.org/callback";
  private static final URI ISSUER = URI.create("https://localhost/default");

  @TempDir static Path dir;

  private static UpstreamOp upstream;
  private static Vertx vertx;
  private static Gateway gateway;
  private static Authority ca;
  private static TestCertificates pkiClient;
  private static TestCertificates selfSignedClient;
  private static ECKey es256Key;
  private static RSAKey ps256Key;
  private static KeyPair ed25519;
  private static OctetKeyPair ed25519Public;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    upstream = UpstreamOp.start();
    vertx = Vertx.vertx();
    ca = Authority.root("CN=Test Root CA");
    TestCertificates server = ca.issueServer(dir, KeyType.RSA);
    Path anchors = Files.writeString(dir.resolve("anchors.pem"), ca.certificatePem());
    pkiClient = ca.issueClient(PKI_DN, KeyType.EC);
    selfSignedClient = TestCertificates.selfSignedClient("CN=self-signed-client", KeyType.EC);
    es256Key = new ECKeyGenerator(Curve.P_256).keyID("es-1").generate();
    ps256Key = new RSAKeyGenerator(2048).keyID("ps-1").generate();
    KeyPairGenerator edGenerator = KeyPairGenerator.getInstance("Ed25519");
    ed25519 = edGenerator.generateKeyPair();
    byte[] spki = ed25519.getPublic().getEncoded();
    ed25519Public =
        new OctetKeyPair.Builder(
                Curve.Ed25519,
                Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
            .keyID("ed-1")
            .build();
    String yaml =
        "issuer: \"https://localhost/default\"\n"
            + "listeners:\n"
            + "  - host: 127.0.0.1\n"
            + "    port: 0\n"
            + "    tls: {cert_path: \""
            + server.certPath()
            + "\", key_path: \""
            + server.keyPath()
            + "\", client_auth: request}\n"
            + "server: {verticles: 2}\n"
            + "upstream:\n"
            + "  base_url: \""
            + upstream.baseUrl()
            + "\"\n"
            + "  authorization_path: \""
            + upstream.authorizationPath()
            + "\"\n"
            + "client_authentication:\n"
            + "  mtls: {trust_anchors_path: \""
            + anchors
            + "\"}\n"
            + "clients:\n"
            + client("basic", "client_secret_basic", "    client_secret: basic-secret-value\n")
            + client("post", "client_secret_post", "    client_secret: post-secret-value\n")
            + client("hs256", "client_secret_jwt", "    client_secret: " + JWT_SECRET + "\n")
            + client("es256", "private_key_jwt", jwks(es256Key.toPublicJWK().toJSONString()))
            + client("ps256", "private_key_jwt", jwks(ps256Key.toPublicJWK().toJSONString()))
            + client("eddsa", "private_key_jwt", jwks(ed25519Public.toJSONString()))
            + client(
                "pki", "tls_client_auth", "    tls_client_auth_subject_dn: \"" + PKI_DN + "\"\n")
            + client(
                "self-signed", "self_signed_tls_client_auth", jwks(publicJwk(selfSignedClient)));
    gateway = Http.await(Gateway.start(vertx, ConfigLoader.fromYaml(yaml, Map.of())));
    base = "https://localhost:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    Http.await(gateway.stop());
    Http.await(vertx.close());
    upstream.close();
  }

  private static String client(String id, String method, String extra) {
    return "  - client_id: "
        + id
        + "\n    token_endpoint_auth_method: "
        + method
        + "\n"
        + extra
        + "    redirect_uris: [\""
        + REDIRECT_URI
        + "\"]\n";
  }

  private static String jwks(String publicJwkJson) {
    return "    jwks: {keys: [" + publicJwkJson + "]}\n";
  }

  private static String publicJwk(TestCertificates certificate) {
    try {
      Map<String, Object> members =
          com.nimbusds.jose.jwk.JWK.parse(certificate.certificate()).toPublicJWK().toJSONObject();
      members.keySet().retainAll(java.util.Set.of("kty", "crv", "x", "y", "n", "e"));
      return new JsonObject(members).encode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The client's authentication and the TLS context it connects with. */
  private record Client(ClientAuthentication authentication, SSLContext tls) {}

  private static Client clientFor(String id) throws Exception {
    ClientID clientId = new ClientID(id);
    SSLContext plain = ca.clientContext(null);
    return switch (id) {
      case "basic" ->
          new Client(new ClientSecretBasic(clientId, new Secret("basic-secret-value")), plain);
      case "post" ->
          new Client(new ClientSecretPost(clientId, new Secret("post-secret-value")), plain);
      case "hs256" ->
          new Client(
              // aud: the issuer, which the gateway accepts in every audience mode.
              new ClientSecretJWT(clientId, ISSUER, JWSAlgorithm.HS256, new Secret(JWT_SECRET)),
              plain);
      case "es256" ->
          new Client(
              new PrivateKeyJWT(
                  sign(id, new ECDSASigner(es256Key), JWSAlgorithm.ES256, es256Key.getKeyID())),
              plain);
      case "ps256" ->
          new Client(
              new PrivateKeyJWT(
                  sign(id, new RSASSASigner(ps256Key), JWSAlgorithm.PS256, ps256Key.getKeyID())),
              plain);
      case "eddsa" -> new Client(new Ed25519PrivateKeyJwt(clientId, signEd25519(id)), plain);
      case "pki" -> {
        SSLContext mutual = ca.clientContext(pkiClient);
        yield new Client(
            new PKITLSClientAuthentication(clientId, mutual.getSocketFactory()), mutual);
      }
      case "self-signed" -> {
        SSLContext mutual = ca.clientContext(selfSignedClient);
        yield new Client(
            new SelfSignedTLSClientAuthentication(clientId, mutual.getSocketFactory()), mutual);
      }
      default -> throw new IllegalArgumentException(id);
    };
  }

  private static JWTClaimsSet assertionClaims(String clientId) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(ISSUER.toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
        .jwtID(UUID.randomUUID().toString())
        .build();
  }

  private static SignedJWT sign(
      String clientId, com.nimbusds.jose.JWSSigner signer, JWSAlgorithm alg, String kid)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(),
            assertionClaims(clientId));
    jwt.sign(signer);
    return jwt;
  }

  /** EdDSA signed through the JDK (nimbus's own Ed25519 signer needs Tink). */
  private static SignedJWT signEd25519(String clientId) throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed-1").build();
    Base64URL encodedHeader = header.toBase64URL();
    Base64URL encodedClaims = Base64URL.encode(assertionClaims(clientId).toString());
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(ed25519.getPrivate());
    signature.update((encodedHeader + "." + encodedClaims).getBytes(StandardCharsets.US_ASCII));
    return new SignedJWT(encodedHeader, encodedClaims, Base64URL.encode(signature.sign()));
  }

  /**
   * {@code private_key_jwt} with an EdDSA assertion: Nimbus's {@link PrivateKeyJWT} takes only RSA
   * and EC assertions, so the two form parameters are added here.
   */
  private static final class Ed25519PrivateKeyJwt extends ClientAuthentication {

    private final SignedJWT assertion;

    Ed25519PrivateKeyJwt(ClientID clientId, SignedJWT assertion) {
      super(ClientAuthenticationMethod.PRIVATE_KEY_JWT, clientId);
      this.assertion = assertion;
    }

    @Override
    public java.util.Set<String> getFormParameterNames() {
      return java.util.Set.of("client_assertion", "client_assertion_type");
    }

    @Override
    public void applyTo(HTTPRequest request) {
      Map<String, List<String>> form;
      try {
        form = new java.util.LinkedHashMap<>(request.getBodyAsFormParameters());
      } catch (com.nimbusds.oauth2.sdk.ParseException e) {
        throw new IllegalStateException(e);
      }
      form.put("client_assertion", List.of(assertion.serialize()));
      form.put(
          "client_assertion_type",
          List.of("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
      request.setBody(com.nimbusds.oauth2.sdk.util.URLUtils.serializeParameters(form));
    }
  }

  private static HTTPResponse send(HTTPRequest request, SSLContext tls) throws Exception {
    request.setSSLSocketFactory(tls.getSocketFactory());
    return request.send();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"basic", "post", "hs256", "es256", "ps256", "eddsa", "pki", "self-signed"})
  void fullFlowOverTlsWithEveryAuthenticationMethod(String clientId) throws Exception {
    Client client = clientFor(clientId);
    CodeVerifier verifier = new CodeVerifier();
    State state = new State();
    AuthorizationRequest authorization =
        new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId))
            .redirectionURI(URI.create(REDIRECT_URI))
            .scope(new Scope("openid"))
            .state(state)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .build();
    HTTPResponse pushed =
        send(
            new PushedAuthorizationRequest(
                    URI.create(base + "/par"), client.authentication(), authorization)
                .toHTTPRequest(),
            client.tls());
    assertThat(pushed.getStatusCode()).as(pushed.getBody()).isEqualTo(201);
    URI requestUri = PushedAuthorizationResponse.parse(pushed).toSuccessResponse().getRequestURI();

    HttpClient browser =
        HttpClient.newBuilder()
            .sslContext(ca.clientContext(null))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> answer =
        browser.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + upstream.authorizationPath()
                            + "?client_id="
                            + clientId
                            + "&request_uri="
                            + URLEncoder.encode(requestUri.toString(), StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    URI callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(REDIRECT_URI + "?").contains("state=" + state);
    String code =
        List.of(callback.getRawQuery().split("&")).stream()
            .filter(p -> p.startsWith("code="))
            .map(p -> p.substring(5))
            .findFirst()
            .orElseThrow();

    // The upstream's token endpoint, through the gateway; the assertion there is a fresh one. The
    // test upstream cannot read EdDSA assertions (its Nimbus has no Tink), and how the upstream
    // authenticates clients is not what this test is about: that client identifies itself there.
    ClientAuthentication tokenAuth =
        clientId.equals("eddsa")
            ? new ClientSecretPost(
                new ClientID(clientId), new Secret("not-checked-by-the-upstream"))
            : clientFor(clientId).authentication();
    TokenResponse tokens =
        OIDCTokenResponseParser.parse(
            send(
                new TokenRequest(
                        URI.create(base + "/" + UpstreamOp.ISSUER_ID + "/token"),
                        tokenAuth,
                        new AuthorizationCodeGrant(
                            new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier))
                    .toHTTPRequest(),
                client.tls()));
    assertThat(tokens.indicatesSuccess()).isTrue();
    assertThat(tokens.toSuccessResponse().getTokens().getAccessToken().getValue()).isNotBlank();
  }

  private static HTTPResponse pushAs(String clientId, SSLContext tls) throws Exception {
    HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, URI.create(base + "/par"));
    request.setEntityContentType(
        com.nimbusds.common.contenttype.ContentType.APPLICATION_URLENCODED);
    request.setBody(
        Http.form(
            Http.params(
                "client_id", clientId,
                "response_type", "code",
                "redirect_uri", REDIRECT_URI)));
    return send(request, tls);
  }

  private static void assertInvalidClient(HTTPResponse response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(401);
    assertThat(new JsonObject(response.getBody()).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void pushWhenCertificateFromUntrustedCaThenInvalidClient() throws Exception {
    Authority other = Authority.root("CN=Other Root CA");
    TestCertificates sameSubject = other.issueClient(PKI_DN, KeyType.EC);
    // The server is still trusted through the test CA; only the client chain is foreign.
    SSLContext tls = TestCertificates.context(List.of(ca.certificate()), sameSubject);
    assertInvalidClient(pushAs("pki", tls));
  }

  @Test
  void pushWhenValidCertificateRegisteredToAnotherClientThenInvalidClient() throws Exception {
    // pki's certificate is valid and trusted, but self-signed's registration names another key,
    // and pki's subject is not the self-signed client's.
    assertInvalidClient(pushAs("self-signed", ca.clientContext(pkiClient)));
    TestCertificates otherSubject = ca.issueClient("CN=someone-else,O=Example", KeyType.EC);
    assertInvalidClient(pushAs("pki", ca.clientContext(otherSubject)));
  }

  @Test
  void pushWhenCertificateClientUsesASecretInsteadThenInvalidClient() throws Exception {
    HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, URI.create(base + "/par"));
    request.setEntityContentType(
        com.nimbusds.common.contenttype.ContentType.APPLICATION_URLENCODED);
    request.setAuthorization(Http.basic("pki", "guess"));
    request.setBody(Http.form(Http.params("response_type", "code", "redirect_uri", REDIRECT_URI)));
    assertInvalidClient(send(request, ca.clientContext(pkiClient)));
  }
}
