package io.pargateway.testing;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.pargateway.Gateway;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Clients that authenticate with JWT assertions, with their real keys, as YAML for {@link
 * TestConfigs.Options#withClients}.
 */
public final class AssertionClients {

  public static final String RSA_CLIENT = "pk-rsa";
  public static final String EC_CLIENT = "pk-ec";
  public static final String ED_CLIENT = "pk-ed";
  public static final String SECRET_CLIENT = "secret-jwt";

  /** An HMAC key for HS256: 32 bytes and more. */
  public static final String SECRET = "secret-jwt-client-secret-0123456789abcdef";

  public static final RSAKey RSA = TestAssertions.rsa("rsa-1");
  public static final ECKey EC = TestAssertions.ec("ec-1");
  public static final TestAssertions.Ed25519 ED = TestAssertions.Ed25519.generate("ed-1");

  /** The issuer of {@link TestConfigs}, and the endpoints derived from it. */
  public static final String ISSUER = "http://localhost/default";

  public static final String PAR_ENDPOINT = "http://localhost/par";

  private AssertionClients() {}

  /** The four clients: RSA, EC and Ed25519 private_key_jwt, and HS256 client_secret_jwt. */
  public static String yaml() {
    return inline(RSA_CLIENT, RSA)
        + inline(EC_CLIENT, EC)
        + inline(ED_CLIENT, ED.publicJwk())
        + client(SECRET_CLIENT, "client_secret_jwt")
        + "    client_secret: \""
        + SECRET
        + "\"\n";
  }

  /** A private_key_jwt client with {@code keys} registered inline. */
  public static String inline(String clientId, JWK... keys) {
    return client(clientId, "private_key_jwt")
        + "    jwks: "
        + TestAssertions.jwksYaml(keys)
        + "\n";
  }

  /** A private_key_jwt client whose keys are at {@code jwksUri}. */
  public static String atUri(String clientId, String jwksUri) {
    return client(clientId, "private_key_jwt") + "    jwks_uri: \"" + jwksUri + "\"\n";
  }

  private static String client(String clientId, String method) {
    return "  - client_id: "
        + clientId
        + "\n"
        + "    token_endpoint_auth_method: "
        + method
        + "\n"
        + "    redirect_uris: [\""
        + TestConfigs.REDIRECT_URI
        + "\"]\n";
  }

  /** Pushes the valid request of {@link Pushes} with {@code assertion} for {@code clientId}. */
  public static HttpResponse<String> push(Gateway gateway, String clientId, String assertion) {
    return push(gateway, TestAssertions.form(clientId, assertion));
  }

  /** Pushes {@code form} as it is. */
  public static HttpResponse<String> push(Gateway gateway, Map<String, String> form) {
    return Http.postForm("http://127.0.0.1:" + gateway.port() + "/par", Http.form(form), null);
  }
}
