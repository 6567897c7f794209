package io.pargateway.load;

import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 4: the push of {@link PushSimulation} with {@code private_key_jwt} instead of {@code
 * client_secret_basic} (RFC 7523, RFC 9126 §2.1): every push carries a fresh client assertion
 * signed in the load generator with the {@code alg} client's key from {@code clientKeys}, which the
 * gateway must check (signature, claims, single use of the {@code jti}) before it stores the push.
 */
public final class PrivateKeyJwtSimulation extends Simulation {

  private final LoadSettings settings = LoadSettings.fromSystemProperties();
  private final ClientAssertionSigner assertions = ClientAssertionSigner.fromSettings(settings);

  {
    setUp(
            Flows.inject(
                Flows.scenario(
                    "push_private_key_jwt", Flows.pushWithAssertion(settings, assertions, false)),
                settings))
        .protocols(Flows.protocol(settings))
        .assertions(Flows.gates(settings, "push"));
  }

  @Override
  public void before() {
    System.out.println("signing " + assertions.describe());
    LoadRecorder.start("push_private_key_jwt_" + settings.alg(), settings);
  }

  @Override
  public void after() {
    LoadRecorder.finish();
  }
}
