package io.pargateway.load;

import io.gatling.javaapi.core.Simulation;

/**
 * The pushed authorization request by a {@code tls_client_auth} client (RFC 8705 §2.1, RFC 9126
 * §2.1) over kept-alive HTTPS connections from one shared pool: after the first requests, each push
 * is one request on a connection whose handshake is done, as a client's HTTP stack would send it.
 * {@code baseUrl} is the gateway's TLS listener with {@code client_auth: request}; the client's
 * keystore is given as {@code gatling.ssl.keyStore.*} (see {@link Flows#mtlsProtocol}).
 */
public final class MtlsPushSimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.fromSystemProperties();

  {
    setUp(Flows.inject(Flows.scenario("push", Flows.pushWithCertificate(settings)), settings))
        .protocols(Flows.mtlsProtocol(settings, false))
        .assertions(Flows.gates(settings, "push"));
  }

  @Override
  public void before() {
    LoadRecorder.start("push-mtls", settings);
  }

  @Override
  public void after() {
    LoadRecorder.finish();
  }
}
