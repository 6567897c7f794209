package io.pargateway.load;

import io.gatling.javaapi.core.Simulation;

/**
 * The pushed authorization request by a {@code tls_client_auth} client (RFC 8705 §2.1), each on a
 * new TLS connection with a full handshake: every virtual user has its own TLS context and
 * connection, sends one push and closes it. What a client that neither keeps connections alive nor
 * resumes sessions costs. The summary's {@code count.client_certificate_requests} (full handshakes)
 * equals {@code requests_ok + requests_ko} when no session was resumed; see {@link
 * Flows#mtlsProtocol}.
 */
public final class MtlsNewConnectionSimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.fromSystemProperties();

  {
    setUp(Flows.inject(Flows.scenario("push", Flows.pushWithCertificate(settings)), settings))
        .protocols(Flows.mtlsProtocol(settings, true))
        .assertions(Flows.gates(settings, "push"));
  }

  @Override
  public void before() {
    LoadRecorder.start("push-mtls-new-connection", settings);
  }

  @Override
  public void after() {
    LoadRecorder.finish();
  }
}
