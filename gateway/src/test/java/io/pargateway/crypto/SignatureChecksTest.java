package io.pargateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import io.pargateway.testing.TestAssertions;
import io.pargateway.testing.TestAssertions.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which provider checks signatures, that both paths verify real signatures, and their speed. */
class SignatureChecksTest {

  private static final Logger LOG = LoggerFactory.getLogger(SignatureChecksTest.class);

  private static final String ACCP = "AmazonCorrettoCryptoProvider";

  /** A key of each kind and a second one of the same kind, with a signer for each. */
  private record Case(JWSAlgorithm algorithm, JWK key, JWK otherKey, TestAssertions.Signer signer) {

    String sign(String payload) {
      return new TestAssertions.Jws().claim("payload", payload).sign(algorithm.getName(), signer);
    }

    @Override
    public String toString() {
      return algorithm.getName();
    }
  }

  private static final List<Case> CASES = cases();

  private static List<Case> cases() {
    var rsa = TestAssertions.rsa("rsa");
    var ec = TestAssertions.ec("ec");
    Ed25519 ed = Ed25519.generate("ed");
    return List.of(
        new Case(
            JWSAlgorithm.RS256,
            rsa.toPublicJWK(),
            TestAssertions.rsa("other").toPublicJWK(),
            TestAssertions.rsaSigner(rsa, JWSAlgorithm.RS256)),
        new Case(
            JWSAlgorithm.PS256,
            rsa.toPublicJWK(),
            TestAssertions.rsa("other").toPublicJWK(),
            TestAssertions.rsaSigner(rsa, JWSAlgorithm.PS256)),
        new Case(
            JWSAlgorithm.ES256,
            ec.toPublicJWK(),
            TestAssertions.ec("other").toPublicJWK(),
            TestAssertions.ecSigner(ec)),
        new Case(
            JWSAlgorithm.EdDSA,
            ed.publicJwk(),
            Ed25519.generate("other").publicJwk(),
            TestAssertions.ed25519Signer(ed)));
  }

  static Stream<Arguments> casesOnBothProviders() {
    return Stream.of(SignatureChecks.choose("test", "auto"), SignatureChecks.jdk())
        .flatMap(checks -> CASES.stream().map(c -> Arguments.of(checks, c)));
  }

  private static boolean linuxX8664() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  @Test
  void whenOnLinuxX8664ThenNativeProviderChecksEverySignatureInline() throws JOSEException {
    assumeTrue(linuxX8664(), "the build carries the linux-x86_64 native provider");
    SignatureChecks checks = SignatureChecks.choose("test", "auto");
    LOG.info("auto chose: {}", checks.description());

    assertThat(checks.isNative()).isTrue();
    assertThat(checks.provider()).map(Provider::getName).hasValue(ACCP);
    assertThat(checks.description()).startsWith("Amazon Corretto Crypto Provider 2.5.0");
    for (Case c : CASES) {
      assertThat(checks.verifier(c.key(), c.algorithm()).providerName()).isEqualTo(ACCP);
      assertThat(checks.runsInline(c.algorithm())).as(c.toString()).isTrue();
    }
    // HMAC stays on the JDK's providers (a Mac would want a signed provider jar).
    assertThat(checks.hmacVerifier(new byte[32], JWSAlgorithm.HS256).providerName())
        .isEqualTo("JDK");
  }

  @Test
  void whenNativeChosenThenRegisteredLastNeverPreferred() {
    assumeTrue(linuxX8664(), "the build carries the linux-x86_64 native provider");
    SignatureChecks.nativeProvider();
    Provider[] providers = Security.getProviders();
    assertThat(providers[providers.length - 1].getName()).isEqualTo(ACCP);
    assertThat(Arrays.stream(providers).filter(p -> p.getName().equals(ACCP))).hasSize(1);
    assertThat(providers[0].getName()).isNotEqualTo(ACCP);
  }

  @Test
  void whenJdkForcedThenJdkProvidersAndEcdsaAndEdDsaOnWorkers() throws JOSEException {
    SignatureChecks checks = SignatureChecks.choose(SignatureChecks.VARIABLE, "JDK");

    assertThat(checks.isNative()).isFalse();
    assertThat(checks.provider()).isEmpty();
    assertThat(checks.description()).contains("JDK providers");
    assertThat(checks.runsInline(JWSAlgorithm.ES256)).isFalse();
    assertThat(checks.runsInline(JWSAlgorithm.EdDSA)).isFalse();
    assertThat(checks.runsInline(JWSAlgorithm.RS256)).isTrue();
    assertThat(checks.runsInline(JWSAlgorithm.PS256)).isTrue();
    assertThat(checks.runsInline(JWSAlgorithm.HS256)).isTrue();
    for (Case c : CASES) {
      assertThat(checks.verifier(c.key(), c.algorithm()).providerName()).isEqualTo("JDK");
    }
    CryptoExecutor workers = CryptoExecutor.inline();
    assertThat(checks.executorFor(JWSAlgorithm.ES256, workers)).isSameAs(workers);
    assertThat(checks.executorFor(JWSAlgorithm.RS256, workers)).isNotSameAs(workers);
  }

  @Test
  void whenSettingUnknownThenRefusedNamingTheVariable() {
    assertThatThrownBy(() -> SignatureChecks.choose(SignatureChecks.VARIABLE, "bouncy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SignatureChecks.VARIABLE)
        .hasMessageContaining("auto, jdk or native");
  }

  @Test
  void whenSettingBlankThenAuto() {
    assertThat(SignatureChecks.choose("test", " ").isNative())
        .isEqualTo(SignatureChecks.choose("test", "auto").isNative());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("casesOnBothProviders")
  void whenSignedByTheKeyThenValidElseNot(SignatureChecks checks, Case c)
      throws JOSEException, ParseException {
    JWSObject signed = JWSObject.parse(c.sign("hello"));
    JwsSignatureVerifier verifier = checks.verifier(c.key(), c.algorithm());

    assertThat(verifier.verify(signed)).isTrue();
    assertThat(checks.verifier(c.otherKey(), c.algorithm()).verify(signed)).isFalse();
    assertThat(verifier.verify(JWSObject.parse(tampered(c.sign("hello"))))).isFalse();
    assertThat(verifier.verify(JWSObject.parse(truncated(c.sign("hello"))))).isFalse();
  }

  @Test
  void whenVerifierOfOneKeyAskedAgainThenTheSameOneFromTheCache()
      throws JOSEException, ParseException {
    SignatureChecks checks = SignatureChecks.jdk();
    Case ec = CASES.get(2);
    JWK reparsed = JWK.parse(ec.key().toJSONString());

    assertThat(checks.verifier(reparsed, JWSAlgorithm.ES256))
        .isSameAs(checks.verifier(ec.key(), JWSAlgorithm.ES256));
  }

  @Test
  void whenKeyDoesNotFitTheAlgorithmThenNoVerifier() {
    SignatureChecks checks = SignatureChecks.jdk();
    assertThatThrownBy(() -> checks.verifier(CASES.get(2).key(), JWSAlgorithm.RS256))
        .isInstanceOf(JOSEException.class);
    assertThatThrownBy(() -> checks.verifier(CASES.get(0).key(), JWSAlgorithm.HS256))
        .isInstanceOf(JOSEException.class);
  }

  @Test
  void whenHmacSecretShorterThanTheHashThenNoVerifier() throws JOSEException, ParseException {
    SignatureChecks checks = SignatureChecks.jdk();
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> checks.hmacVerifier(secret, JWSAlgorithm.HS384))
        .isInstanceOf(JOSEException.class);
    String signed =
        new TestAssertions.Jws()
            .claim("a", 1)
            .sign("HS256", TestAssertions.macSigner(secret, JWSAlgorithm.HS256));
    assertThat(checks.hmacVerifier(secret, JWSAlgorithm.HS256).verify(JWSObject.parse(signed)))
        .isTrue();
  }

  /**
   * Not a benchmark (JMH is for that) and never asserted: a rough rate per algorithm and provider
   * in the log, to see the difference the native provider makes on this machine.
   */
  @Test
  void verificationRatesOnBothProvidersAreLogged() throws Exception {
    List<SignatureChecks> providers =
        linuxX8664()
            ? List.of(SignatureChecks.nativeProvider(), SignatureChecks.jdk())
            : List.of(SignatureChecks.jdk());
    for (Case c : CASES) {
      JWSObject signed = JWSObject.parse(c.sign("x".repeat(300)));
      StringBuilder line = new StringBuilder(c.toString());
      for (SignatureChecks checks : providers) {
        JwsSignatureVerifier verifier = checks.verifier(c.key(), c.algorithm());
        rate(verifier, signed, 150); // warm-up
        line.append(
            String.format(
                Locale.ROOT, "  %s %,.0f/s", verifier.providerName(), rate(verifier, signed, 300)));
      }
      LOG.info("verifications: {}", line);
    }
  }

  private static double rate(JwsSignatureVerifier verifier, JWSObject signed, long millis) {
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000;
    long count = 0;
    while (System.nanoTime() - deadline < 0) {
      if (!verifier.verify(signed)) {
        throw new AssertionError("signature did not verify");
      }
      count++;
    }
    return count * 1e9 / (System.nanoTime() - start);
  }

  /** The same JWS with one bit of the signature flipped. */
  private static String tampered(String compact) {
    int dot = compact.lastIndexOf('.');
    char[] chars = compact.toCharArray();
    int i = dot + 5;
    chars[i] = chars[i] == 'A' ? 'B' : 'A';
    return new String(chars);
  }

  /** The same JWS with the signature cut short. */
  private static String truncated(String compact) {
    return compact.substring(0, compact.length() - 8);
  }
}
