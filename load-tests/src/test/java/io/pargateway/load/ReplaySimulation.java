package io.pargateway.load;

import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 3, one-time use under load: push, redeem, then redeem the same request_uri again. The
 * second redemption must be refused; one that is not is a failed request named {@code replay}, so
 * it fails the gate and is counted in the summary ({@code ko.replay}).
 */
public final class ReplaySimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.fromSystemProperties();

  {
    setUp(
            Flows.inject(
                Flows.scenario(
                    "replay",
                    Flows.push(settings, true)
                        .exec(Flows.authorize(settings))
                        .exec(Flows.replay(settings))),
                settings))
        .protocols(Flows.protocol(settings))
        .assertions(Flows.gates(settings, "push", "authorize", "replay"));
  }

  @Override
  public void before() {
    LoadRecorder.start("replay", settings);
  }

  @Override
  public void after() {
    LoadRecorder.finish();
  }
}
