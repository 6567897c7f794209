package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.pargateway.Gateway;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.testing.AssertionClients;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestAssertions;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway forced onto the JDK's providers ({@code pargw.crypto.provider=jdk}): ES256 and EdDSA
 * checks then run on the worker pool, and every algorithm still authenticates.
 */
class JdkSignatureProviderTest {

  private static Vertx vertx;
  private static UpstreamOp upstream;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = UpstreamOp.start();
    System.setProperty(SignatureChecks.PROPERTY, "jdk");
    try {
      gateway =
          Http.await(
              Gateway.start(
                  vertx,
                  TestConfigs.config(
                      TestConfigs.Options.of(upstream).withClients(AssertionClients.yaml()))));
    } finally {
      System.clearProperty(SignatureChecks.PROPERTY);
    }
  }

  @AfterAll
  static void stop() {
    Http.await(gateway.stop());
    Http.await(vertx.close());
    upstream.close();
  }

  private static int push(String clientId, String alg, TestAssertions.Signer signer) {
    return AssertionClients.push(
            gateway,
            clientId,
            TestAssertions.assertion(clientId, AssertionClients.ISSUER).sign(alg, signer))
        .statusCode();
  }

  @Test
  void startWhenProviderSettingUnknownThenFailsNamingIt() {
    System.setProperty(SignatureChecks.PROPERTY, "fastest");
    try {
      Throwable failure =
          Http.await(
              Gateway.start(vertx, TestConfigs.config(TestConfigs.Options.of(upstream)))
                  .transform(result -> io.vertx.core.Future.succeededFuture(result.cause())));
      assertThat(failure)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(SignatureChecks.PROPERTY);
    } finally {
      System.clearProperty(SignatureChecks.PROPERTY);
    }
  }

  @Test
  void pushWhenEs256OnTheJdkProviderThen201() {
    assertThat(
            push(AssertionClients.EC_CLIENT, "ES256", TestAssertions.ecSigner(AssertionClients.EC)))
        .isEqualTo(201);
  }

  @Test
  void pushWhenEdDsaOnTheJdkProviderThen201() {
    assertThat(
            push(
                AssertionClients.ED_CLIENT,
                "EdDSA",
                TestAssertions.ed25519Signer(AssertionClients.ED)))
        .isEqualTo(201);
  }

  @Test
  void pushWhenPs256OnTheJdkProviderThen201() {
    assertThat(
            push(
                AssertionClients.RSA_CLIENT,
                "PS256",
                TestAssertions.rsaSigner(AssertionClients.RSA, JWSAlgorithm.PS256)))
        .isEqualTo(201);
  }

  @Test
  void pushWhenWrongEs256KeyOnTheJdkProviderThen401() {
    assertThat(
            push(
                AssertionClients.EC_CLIENT,
                "ES256",
                TestAssertions.ecSigner(TestAssertions.ec("other"))))
        .isEqualTo(401);
  }
}
