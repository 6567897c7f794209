package io.pargateway.load;

import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 2, the whole front channel: push, then {@code GET} the authorization endpoint with the
 * request_uri, through the gateway to the upstream OP, until the upstream answers with a code.
 */
public final class AuthorizeSimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.fromSystemProperties();

  {
    setUp(
            Flows.inject(
                Flows.scenario(
                    "authorize", Flows.push(settings, true).exec(Flows.authorize(settings))),
                settings))
        .protocols(Flows.protocol(settings))
        .assertions(Flows.gates(settings, "push", "authorize"));
  }

  @Override
  public void before() {
    LoadRecorder.start("authorize", settings);
  }

  @Override
  public void after() {
    LoadRecorder.finish();
  }
}
