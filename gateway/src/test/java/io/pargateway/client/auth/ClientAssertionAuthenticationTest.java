package io.pargateway.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientId;
import io.pargateway.client.ClientKeys;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.RegisteredClient;
import io.pargateway.config.ClientAuthenticationConfig.AssertionConfig;
import io.pargateway.config.ClientAuthenticationConfig.AudienceMode;
import io.pargateway.crypto.CryptoExecutor;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.request.Parameters;
import io.pargateway.store.ReplayGuard;
import io.pargateway.testing.Http;
import io.pargateway.testing.TestAssertions;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Where the strategy verifies signatures (inline or on the workers, as {@link SignatureChecks}
 * decides), how it picks keys without a {@code kid}, and that a replay set it cannot reach fails
 * the request instead of letting the assertion through.
 */
class ClientAssertionAuthenticationTest {

  private static final String ISSUER = "https://as.example.com";
  private static final ECKey EC = TestAssertions.ec("ec-1");
  private static final RSAKey RSA = TestAssertions.rsa("rsa-1");

  private static final AssertionPolicy POLICY =
      AssertionPolicy.of(
          new AssertionConfig(
              AudienceMode.DEFAULT, null, 300, 10, 8192, List.of("ES256", "RS256", "PS256")),
          ISSUER,
          ISSUER + "/par");

  private static final class CountingWorkers implements CryptoExecutor {
    final AtomicInteger submitted = new AtomicInteger();

    @Override
    public <T> Future<T> submit(Callable<T> work) {
      submitted.incrementAndGet();
      return CryptoExecutor.inline().submit(work);
    }
  }

  private static RegisteredClient client(String id, JWKSet keys) {
    return RegisteredClient.builder(new ClientId(id), AuthMethod.PRIVATE_KEY_JWT)
        .keys(ClientKeys.ofInline(keys))
        .build();
  }

  private static ClientAssertionAuthentication strategy(
      RegisteredClient client, ReplayGuard replays, SignatureChecks signatures, CryptoExecutor w) {
    return new ClientAssertionAuthentication(
        ClientRegistry.of(List.of(client)),
        ClientKeySource.inline(),
        replays,
        POLICY,
        signatures,
        w);
  }

  private static ClientAuthRequest request(String assertion) {
    return new ClientAuthRequest(null, Parameters.of(TestAssertions.form("app", assertion)));
  }

  private static Throwable failure(Future<?> future) {
    return Http.await(future.transform(result -> Future.succeededFuture(result.cause())));
  }

  @Test
  void whenNativeProviderThenEs256VerifiedInline() {
    SignatureChecks signatures = SignatureChecks.auto();
    assumeTrue(signatures.isNative(), "the native provider is available here");
    CountingWorkers workers = new CountingWorkers();
    ClientAssertionAuthentication strategy =
        strategy(
            client("app", new JWKSet(EC.toPublicJWK())),
            ReplayGuard.inMemory(10),
            signatures,
            workers);

    Authentication authentication =
        Http.await(
            strategy.authenticate(
                request(
                    TestAssertions.assertion("app", ISSUER)
                        .sign("ES256", TestAssertions.ecSigner(EC)))));

    assertThat(authentication.method()).isEqualTo(AuthMethod.PRIVATE_KEY_JWT);
    assertThat(workers.submitted).hasValue(0);
  }

  @Test
  void whenJdkProvidersThenEs256OnTheWorkersAndRs256Inline() {
    CountingWorkers workers = new CountingWorkers();
    ReplayGuard replays = ReplayGuard.inMemory(10);
    SignatureChecks jdk = SignatureChecks.jdk();
    ClientAssertionAuthentication ec =
        strategy(client("app", new JWKSet(EC.toPublicJWK())), replays, jdk, workers);
    ClientAssertionAuthentication rsa =
        strategy(client("app", new JWKSet(RSA.toPublicJWK())), replays, jdk, workers);

    Http.await(
        ec.authenticate(
            request(
                TestAssertions.assertion("app", ISSUER)
                    .sign("ES256", TestAssertions.ecSigner(EC)))));
    assertThat(workers.submitted).hasValue(1);

    Http.await(
        rsa.authenticate(
            request(
                TestAssertions.assertion("app", ISSUER)
                    .sign("RS256", TestAssertions.rsaSigner(RSA, JWSAlgorithm.RS256)))));
    assertThat(workers.submitted).hasValue(1);
  }

  @Test
  void whenNoKidAndSeveralKeysFitThenEachIsTriedUpToTheLimit() {
    List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
    for (int i = 0; i < AssertionKeys.MAX_CANDIDATES - 1; i++) {
      keys.add(TestAssertions.ec("other-" + i).toPublicJWK());
    }
    keys.add(new ECKey.Builder(EC.toPublicJWK()).keyID(null).build());
    ClientAssertionAuthentication strategy =
        strategy(
            client("app", new JWKSet(keys)),
            ReplayGuard.inMemory(10),
            SignatureChecks.auto(),
            new CountingWorkers());

    assertThat(
            Http.await(
                    strategy.authenticate(
                        request(
                            TestAssertions.assertion("app", ISSUER)
                                .sign("ES256", TestAssertions.ecSigner(EC)))))
                .method())
        .isEqualTo(AuthMethod.PRIVATE_KEY_JWT);
  }

  @Test
  void whenNoKidAndMoreKeysFitThanTheLimitThenRefused() {
    List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
    keys.add(EC.toPublicJWK());
    for (int i = 0; i < AssertionKeys.MAX_CANDIDATES; i++) {
      keys.add(TestAssertions.ec("other-" + i).toPublicJWK());
    }
    ClientAssertionAuthentication strategy =
        strategy(
            client("app", new JWKSet(keys)),
            ReplayGuard.inMemory(10),
            SignatureChecks.auto(),
            new CountingWorkers());

    Throwable failure =
        failure(
            strategy.authenticate(
                request(
                    TestAssertions.assertion("app", ISSUER)
                        .sign("ES256", TestAssertions.ecSigner(EC)))));
    assertThat(failure)
        .isInstanceOfSatisfying(
            io.pargateway.oauth.OAuthException.class,
            e -> assertThat(e.detail()).contains("must name its kid"));
  }

  @Test
  void whenReplaySetUnavailableThenTheRequestFailsRatherThanPasses() {
    ReplayGuard down =
        new ReplayGuard() {
          @Override
          public Future<Boolean> firstUse(
              ClientId client, String jti, java.time.Instant expiresAt) {
            return Future.failedFuture(
                new io.pargateway.store.StoreUnavailableException("down", null));
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    ClientAssertionAuthentication strategy =
        strategy(
            client("app", new JWKSet(EC.toPublicJWK())),
            down,
            SignatureChecks.auto(),
            new CountingWorkers());

    assertThat(
            failure(
                strategy.authenticate(
                    request(
                        TestAssertions.assertion("app", ISSUER)
                            .sign("ES256", TestAssertions.ecSigner(EC))))))
        .isInstanceOf(io.pargateway.store.StoreUnavailableException.class);
  }
}
