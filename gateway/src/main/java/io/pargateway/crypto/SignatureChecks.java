package io.pargateway.crypto;

import static java.util.Objects.requireNonNull;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where signatures are checked: which JCA provider verifies them, and whether a check is cheap
 * enough to run on an event loop. The one place that decides both.
 *
 * <p>The Amazon Corretto Crypto Provider (ACCP, native AWS-LC) is used when it loads and passes its
 * self-tests: every signature check then takes tens of microseconds and runs inline. Without it the
 * JDK's providers verify; there an ES256 or Ed25519 check costs about a millisecond, so those go to
 * the bounded worker pool, while RSA (RS256, PS256) and HMAC stay inline.
 *
 * <p>ACCP is handed to each verifier explicitly (nimbus's {@code JCAContext}); it is not installed
 * as the JVM's preferred provider, so nothing else in the process (TLS on the JDK engine, the
 * libraries) changes provider. It is only registered at the lowest priority, so that certificate
 * path validation can name it ({@link java.security.cert.PKIXParameters#setSigProvider}). HMAC is
 * always checked on the JDK's providers: it takes microseconds there, and a {@code Mac} would
 * demand a signed provider jar on JDKs that enforce JCE signing, which a fat jar is not.
 *
 * <p>The choice comes from the system property {@value #PROPERTY} or, without it, the environment
 * variable {@value #VARIABLE}: {@code auto} (the default: native when it loads, else the JDK's),
 * {@code jdk} (never native, e.g. to compare), or {@code native} (fail the start without it).
 *
 * <p>Thread-safe; one instance serves the whole process.
 */
public final class SignatureChecks {

  /** The system property that chooses the provider. */
  public static final String PROPERTY = "pargw.crypto.provider";

  /** The environment variable that chooses the provider, when the property is not set. */
  public static final String VARIABLE = "PARGW_CRYPTO_PROVIDER";

  private final Provider provider;
  private final String description;
  private final Cache<String, JwsSignatureVerifier> verifiers =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();

  private SignatureChecks(Provider provider, String description) {
    this.provider = provider;
    this.description = requireNonNull(description, "description");
  }

  /**
   * The provider chosen by {@value #PROPERTY} or {@value #VARIABLE}.
   *
   * @throws IllegalArgumentException for a value other than {@code auto}, {@code jdk} or {@code
   *     native}
   * @throws IllegalStateException for {@code native} when the native provider cannot be used
   */
  public static SignatureChecks fromEnvironment() {
    String property = System.getProperty(PROPERTY);
    return property != null
        ? choose(PROPERTY, property)
        : choose(VARIABLE, System.getenv(VARIABLE));
  }

  /** The provider that {@code setting} (of {@code source}) asks for; {@code null} is auto. */
  static SignatureChecks choose(String source, String setting) {
    String choice = setting == null || setting.isBlank() ? "auto" : setting.strip();
    return switch (choice.toLowerCase(Locale.ROOT)) {
      case "auto" -> auto();
      case "jdk" -> new SignatureChecks(null, "JDK providers (" + source + "=jdk)");
      case "native" -> nativeProvider();
      default ->
          throw new IllegalArgumentException(
              source + " must be auto, jdk or native, not " + choice);
    };
  }

  /** The native provider when it loads on this platform, else the JDK's. */
  public static SignatureChecks auto() {
    return NativeProvider.PROVIDER != null ? nativeProvider() : jdk();
  }

  /** The JDK's own providers, whatever is available. */
  public static SignatureChecks jdk() {
    return new SignatureChecks(
        null,
        "JDK providers"
            + (NativeProvider.PROBLEM == null ? "" : " (native: " + NativeProvider.PROBLEM + ")"));
  }

  /**
   * The native provider.
   *
   * @throws IllegalStateException when it cannot be loaded on this platform, with the reason
   */
  public static SignatureChecks nativeProvider() {
    Provider accp = NativeProvider.PROVIDER;
    if (accp == null) {
      throw new IllegalStateException(
          "the native crypto provider is not available: " + NativeProvider.PROBLEM);
    }
    // Appended after the JDK's providers (a no-op when already there): addressable by name, never
    // preferred over them.
    Security.addProvider(accp);
    return new SignatureChecks(accp, NativeProvider.DESCRIPTION);
  }

  /** Whether signatures are checked on the native provider. */
  public boolean isNative() {
    return provider != null;
  }

  /** The provider asymmetric signatures are checked on; empty for the JDK's. */
  public Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }

  /** For the start-up log line, e.g. {@code Amazon Corretto Crypto Provider 2.5.0 (native)}. */
  public String description() {
    return description;
  }

  /**
   * Whether a check of {@code algorithm} is cheap enough for an event loop: always on the native
   * provider; on the JDK's, all but ECDSA and EdDSA (about a millisecond each there).
   */
  public boolean runsInline(JWSAlgorithm algorithm) {
    if (isNative()) {
      return true;
    }
    return !JWSAlgorithm.Family.EC.contains(algorithm)
        && !JWSAlgorithm.Family.ED.contains(algorithm)
        && !JWSAlgorithm.Ed25519.equals(algorithm);
  }

  /** Where a check of {@code algorithm} runs: inline, or on {@code workers}. */
  public CryptoExecutor executorFor(JWSAlgorithm algorithm, CryptoExecutor workers) {
    return runsInline(algorithm) ? CryptoExecutor.inline() : requireNonNull(workers, "workers");
  }

  /**
   * The provider name to validate {@code chain} with ({@link
   * java.security.cert.PKIXParameters#setSigProvider}): the native provider's when it offers every
   * signature algorithm in the chain; empty means the JDK's.
   */
  public Optional<String> certificatePathProvider(List<X509Certificate> chain) {
    if (provider == null) {
      return Optional.empty();
    }
    for (X509Certificate certificate : chain) {
      if (provider.getService("Signature", certificate.getSigAlgName()) == null) {
        return Optional.empty();
      }
    }
    return Optional.of(provider.getName());
  }

  /**
   * Where validating {@code chain} runs: inline when the native provider checks its signatures,
   * else on {@code workers}.
   */
  public CryptoExecutor certificatePathExecutor(
      List<X509Certificate> chain, CryptoExecutor workers) {
    return certificatePathProvider(chain).isPresent()
        ? CryptoExecutor.inline()
        : requireNonNull(workers, "workers");
  }

  /**
   * The verifier of {@code algorithm} with the public key {@code key}, built once and then taken
   * from a cache keyed by the key's RFC 7638 thumbprint.
   *
   * @throws JOSEException when {@code key} is not an acceptable public key for {@code algorithm}
   */
  public JwsSignatureVerifier verifier(JWK key, JWSAlgorithm algorithm) throws JOSEException {
    String cacheKey = algorithm.getName() + "." + key.computeThumbprint();
    try {
      return verifiers.get(cacheKey, unused -> build(key, algorithm));
    } catch (UnfitKey e) {
      throw (JOSEException) e.getCause();
    }
  }

  private JwsSignatureVerifier build(JWK key, JWSAlgorithm algorithm) {
    try {
      return JwsSignatureVerifier.ofPublicKey(key, algorithm, provider);
    } catch (JOSEException e) {
      throw new UnfitKey(e);
    }
  }

  /**
   * A verifier of the HMAC {@code algorithm} with {@code secret}, not cached (a secret is not kept
   * longer than one check); the caller may wipe {@code secret} after use.
   *
   * @throws JOSEException when the secret is too short for the algorithm
   */
  public JwsSignatureVerifier hmacVerifier(byte[] secret, JWSAlgorithm algorithm)
      throws JOSEException {
    return JwsSignatureVerifier.ofSecret(secret, algorithm);
  }

  @Override
  public String toString() {
    return description;
  }

  /** Carries a checked exception out of the cache's mapping function. */
  private static final class UnfitKey extends RuntimeException {
    UnfitKey(JOSEException cause) {
      super(cause);
    }
  }

  /**
   * ACCP, loaded once per JVM: its own loader extracts and links the native library when the class
   * initialises. Kept apart so that a missing jar is a {@link LinkageError} caught here.
   */
  private static final class NativeProvider {

    static final Provider PROVIDER;
    static final String PROBLEM;
    static final String DESCRIPTION;

    static {
      Provider provider = null;
      String problem = null;
      String description = null;
      try {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable error = accp.getLoadingError();
        if (error != null) {
          problem = "not loaded: " + firstLine(error);
        } else {
          accp.assertHealthy();
          provider = accp;
          description =
              "Amazon Corretto Crypto Provider "
                  + accp.getVersionStr()
                  + " (native, "
                  + accp.getAwsLcVersionStr()
                  + ")";
        }
      } catch (LinkageError | RuntimeException e) {
        problem = "not loaded: " + firstLine(e);
      }
      PROVIDER = provider;
      PROBLEM = problem;
      DESCRIPTION = description;
    }

    private static String firstLine(Throwable error) {
      Function<Throwable, String> text =
          t -> t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      String line = text.apply(error);
      int newline = line.indexOf('\n');
      return newline < 0 ? line : line.substring(0, newline);
    }

    private NativeProvider() {}
  }
}
