package io.pargateway.load;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * Starts the upstream OP of the front-channel scenarios: mock-oauth2-server, as in the gateway's
 * tests, on 127.0.0.1, with issuer id {@code default}. Its authorization endpoint {@code
 * /default/authorize} answers at once with a redirect carrying a code. It runs on its Netty server
 * rather than the default single-dispatcher one, so that the upstream is not what a front-channel
 * benchmark measures. Runs until it is stopped (SIGTERM).
 *
 * <p>{@code java -cp ... io.pargateway.load.UpstreamLauncher [PORT]} prints {@code upstream
 * listening on http://127.0.0.1:PORT} once it accepts connections.
 */
public final class UpstreamLauncher {

  private UpstreamLauncher() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    OAuth2Config config = OAuth2Config.Companion.fromJson("{\"httpServer\":\"NettyWrapper\"}");
    MockOAuth2Server server = new MockOAuth2Server(config);
    server.start(InetAddress.getByName("127.0.0.1"), port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  stopped.countDown();
                },
                "upstream-stop"));
    // baseUrl() names the host "localhost"; the address it is bound to is exact.
    System.out.println("upstream listening on http://127.0.0.1:" + server.baseUrl().port());
    stopped.await();
  }
}
