package io.pargateway.demo;

import io.pargateway.Gateway;
import io.pargateway.config.ConfigLoader;
import io.pargateway.config.GatewayConfig;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a real OAuth server (mock-oauth2-server) on a free loopback port and the gateway in front
 * of it, on the embedded defaults, then prints how to push a request and where to go next.
 *
 * <p>Test scope only: none of this is in the production jar. Run it with {@code mvn -pl gateway
 * -Pdemo test-compile exec:java}.
 */
public final class DemoLauncher {

  private DemoLauncher() {}

  public static void main(String[] args) throws URISyntaxException {
    UpstreamOp upstream = UpstreamOp.start();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DEMO_UPSTREAM_URL", upstream.baseUrl());
    Path file =
        Path.of(
            Objects.requireNonNull(DemoLauncher.class.getResource("/demo/gateway.yaml")).toURI());
    GatewayConfig config = ConfigLoader.load(file, env);
    String secret = env.getOrDefault("DEMO_CLIENT_SECRET", "demo-client-secret");
    Vertx vertx = Vertx.vertx();
    Gateway.start(vertx, config)
        .onSuccess(gateway -> printWelcome(gateway.port(), secret, upstream.baseUrl()))
        .onFailure(
            failure -> {
              System.err.println("demo: the gateway did not start: " + failure.getMessage());
              upstream.close();
              vertx.close();
            });
    Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "demo-upstream-stop"));
  }

  private static void printWelcome(int port, String secret, String upstream) {
    String base = "http://localhost:" + port;
    // S256 of the RFC 7636 Appendix B verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
    String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    System.out.println();
    System.out.println("PAR gateway demo: gateway " + base + ", upstream OP " + upstream);
    System.out.println();
    System.out.println("1. Push an authorization request:");
    System.out.println();
    System.out.println(
        "   curl -s -u demo-client:"
            + secret
            + " -d response_type=code -d scope=openid -d state=demo-state"
            + " -d redirect_uri=http://localhost:9999/callback"
            + " -d code_challenge="
            + challenge
            + " -d code_challenge_method=S256 "
            + base
            + "/par");
    System.out.println();
    System.out.println("2. Open this in a browser, with the request_uri from the answer:");
    System.out.println();
    System.out.println(
        "   " + base + "/default/authorize?client_id=demo-client&request_uri=REQUEST_URI");
    System.out.println();
    System.out.println(
        "   The upstream issues a code and sends the browser to"
            + " http://localhost:9999/callback?code=...");
    System.out.println("   (nothing listens there: the code in the address bar is the result).");
    System.out.println("   Discovery: " + base + "/default/.well-known/openid-configuration");
    System.out.println();
    System.out.println("Stop with Ctrl+C.");
  }
}
