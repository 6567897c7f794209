package io.pargateway.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OpenID Provider for tests: mock-oauth2-server on 127.0.0.1, a free port, issuer id {@code
 * default}. Its authorization endpoint answers at once with a code (no login page).
 */
public final class UpstreamOp implements AutoCloseable {

  public static final String ISSUER_ID = "default";

  private final MockOAuth2Server server = new MockOAuth2Server();

  private UpstreamOp() {}

  public static UpstreamOp start() {
    UpstreamOp op = new UpstreamOp();
    try {
      op.server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return op;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    String url = server.baseUrl().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The path of the authorization endpoint, {@code /default/authorize}. */
  public String authorizationPath() {
    return "/" + ISSUER_ID + "/authorize";
  }

  public MockOAuth2Server server() {
    return server;
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
