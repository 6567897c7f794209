package io.pargateway.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.testing.TestAssertions;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Client assertion signature checks per second, per algorithm and provider, through the gateway's
 * own code: {@link SignatureChecks#nativeProvider()} or {@link SignatureChecks#jdk()}, then what
 * {@code ClientAssertionAuthentication} does for each request, {@code verifier(key,
 * alg).verify(jws)} (the verifier cache lookup by the key's thumbprint, then the check). The JWS is
 * a real client assertion, parsed once, as the gateway parses it before checking it.
 *
 * <p>One thread: the score is what one core checks per second; the gateway runs one event loop per
 * core. The benchmark script runs it with short iterations (see README.md); from the command line,
 * e.g.:
 *
 * <pre>{@code
 * java -cp "$(cat load-tests/target/test-classpath.txt):load-tests/target/test-classes" \
 *   org.openjdk.jmh.Main SignatureVerifyBenchmark -p alg=ES256 -wi 2 -w 1s -i 3 -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class SignatureVerifyBenchmark {

  /** The private_key_jwt algorithms the gateway accepts; RS256 for reference. */
  @Param({"ES256", "PS256", "EdDSA", "RS256"})
  public String alg;

  /** {@code native} (ACCP, the gateway's default where it loads) or {@code jdk}. */
  @Param({"native", "jdk"})
  public String provider;

  private SignatureChecks checks;
  private JWK publicKey;
  private JWSAlgorithm algorithm;
  private JWSObject assertion;

  @Setup
  public void setUp() throws JOSEException, ParseException {
    checks =
        switch (provider) {
          case "native" -> SignatureChecks.nativeProvider();
          case "jdk" -> SignatureChecks.jdk();
          default -> throw new IllegalArgumentException("provider must be native or jdk");
        };
    algorithm = JWSAlgorithm.parse(alg);
    TestAssertions.Signer signer;
    if (JWSAlgorithm.ES256.equals(algorithm)) {
      ECKey key = TestAssertions.ec("bench");
      publicKey = key.toPublicJWK();
      signer = TestAssertions.ecSigner(key);
    } else if (JWSAlgorithm.EdDSA.equals(algorithm)) {
      TestAssertions.Ed25519 key = TestAssertions.Ed25519.generate("bench");
      publicKey = key.publicJwk();
      signer = TestAssertions.ed25519Signer(key);
    } else if (JWSAlgorithm.PS256.equals(algorithm) || JWSAlgorithm.RS256.equals(algorithm)) {
      RSAKey key = TestAssertions.rsa("bench");
      publicKey = key.toPublicJWK();
      signer = TestAssertions.rsaSigner(key, algorithm);
    } else {
      throw new IllegalArgumentException("alg must be ES256, PS256, EdDSA or RS256");
    }
    String compact =
        TestAssertions.assertion("bench-client", "http://localhost:8080/default")
            .kid("bench")
            .sign(alg, signer);
    assertion = JWSObject.parse(compact);
    if (!verify()) {
      throw new IllegalStateException(alg + " on " + provider + ": the signature does not verify");
    }
  }

  @Benchmark
  public boolean verify() throws JOSEException {
    return checks.verifier(publicKey, algorithm).verify(assertion);
  }
}
