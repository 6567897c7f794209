package io.pargateway.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pargateway.client.AuthMethod;
import io.pargateway.client.ClientId;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.RegisteredClient;
import io.pargateway.client.TlsSubject;
import io.pargateway.crypto.CryptoExecutor;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.request.Parameters;
import io.pargateway.testing.Http;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code tls_client_auth} chain validation runs where {@link SignatureChecks} says: inline with the
 * native provider checking the chain's ECDSA signatures, on the worker pool without it.
 */
class CertificateAuthenticationTest {

  private static final KeyPair CA_KEYS = ecKeys();
  private static final X509Certificate CA =
      certificate("CN=Test CA", "CN=Test CA", CA_KEYS, CA_KEYS, true);
  private static final X509Certificate LEAF =
      certificate("CN=tls-client", "CN=Test CA", ecKeys(), CA_KEYS, false);

  private static final RegisteredClient CLIENT =
      RegisteredClient.builder(new ClientId("tls-client"), AuthMethod.TLS_CLIENT_AUTH)
          .tlsSubject(new TlsSubject(TlsSubject.Kind.SUBJECT_DN, "CN=tls-client"))
          .build();

  /** A worker pool stand-in that counts the work it is given. */
  private static final class CountingWorkers implements CryptoExecutor {
    final AtomicInteger submitted = new AtomicInteger();

    @Override
    public <T> Future<T> submit(Callable<T> work) {
      submitted.incrementAndGet();
      return CryptoExecutor.inline().submit(work);
    }
  }

  private static Authentication authenticate(
      SignatureChecks signatures, CryptoExecutor workers, List<X509Certificate> chain) {
    CertificateAuthentication strategy =
        new CertificateAuthentication(
            ClientRegistry.of(List.of(CLIENT)),
            Set.of(new TrustAnchor(CA, null)),
            ClientKeySource.inline(),
            signatures,
            workers);
    return Http.await(
        strategy.authenticate(
            new ClientAuthRequest(null, Parameters.of(Map.of("client_id", "tls-client")), chain)));
  }

  @Test
  void whenNativeProviderThenChainValidatedInline() {
    SignatureChecks signatures = SignatureChecks.auto();
    assumeTrue(signatures.isNative(), "the native provider is available here");
    CountingWorkers workers = new CountingWorkers();

    assertThat(signatures.certificatePathProvider(List.of(LEAF)))
        .hasValue("AmazonCorrettoCryptoProvider");
    assertThat(authenticate(signatures, workers, List.of(LEAF)).method())
        .isEqualTo(AuthMethod.TLS_CLIENT_AUTH);
    assertThat(workers.submitted).hasValue(0);
  }

  @Test
  void whenJdkProvidersThenChainValidatedOnTheWorkers() {
    SignatureChecks signatures = SignatureChecks.jdk();
    CountingWorkers workers = new CountingWorkers();

    assertThat(signatures.certificatePathProvider(List.of(LEAF))).isEmpty();
    assertThat(authenticate(signatures, workers, List.of(LEAF)).method())
        .isEqualTo(AuthMethod.TLS_CLIENT_AUTH);
    assertThat(workers.submitted).hasValue(1);
  }

  @Test
  void whenChainNotFromTheAnchorThenRefusedOnBothProviders() {
    KeyPair otherCa = ecKeys();
    X509Certificate foreign = certificate("CN=tls-client", "CN=Test CA", ecKeys(), otherCa, false);
    for (SignatureChecks signatures : List.of(SignatureChecks.auto(), SignatureChecks.jdk())) {
      Throwable failure =
          Http.await(
              new CertificateAuthentication(
                      ClientRegistry.of(List.of(CLIENT)),
                      Set.of(new TrustAnchor(CA, null)),
                      ClientKeySource.inline(),
                      signatures,
                      new CountingWorkers())
                  .authenticate(
                      new ClientAuthRequest(
                          null, Parameters.of(Map.of("client_id", "tls-client")), List.of(foreign)))
                  .transform(result -> Future.succeededFuture(result.cause())));
      assertThat(failure).isNotNull();
    }
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(
      String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys, boolean ca) {
    try {
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer),
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofMinutes(1))),
              Date.from(now.plus(Duration.ofDays(1))),
              new X500Name(subject),
              subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
