package io.pargateway.load;

import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 1: the pushed authorization request with {@code client_secret_basic} (RFC 9126 §2). Also
 * the load of the HTTP ceiling, when {@code baseUrl} points at the {@link CeilingServer}.
 */
public final class PushSimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.fromSystemProperties();

  {
    setUp(Flows.inject(Flows.scenario("push", Flows.push(settings, false)), settings))
        .protocols(Flows.protocol(settings))
        .assertions(Flows.gates(settings, "push"));
  }

  @Override
  public void before() {
    LoadRecorder.start("push", settings);
  }

  @Override
  public void after() {
    LoadRecorder.finish();
  }
}
