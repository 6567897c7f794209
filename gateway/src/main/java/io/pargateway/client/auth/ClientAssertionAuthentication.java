package io.pargateway.client.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.pargateway.client.ClientRegistry;
import io.pargateway.client.ClientSecret;
import io.pargateway.client.RegisteredClient;
import io.pargateway.crypto.CryptoExecutor;
import io.pargateway.crypto.SignatureChecks;
import io.pargateway.oauth.OAuthException;
import io.pargateway.store.ReplayGuard;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code client_secret_jwt} and {@code private_key_jwt}: a JWT assertion in {@code
 * client_assertion} (<a href="https://datatracker.ietf.org/doc/html/rfc7523#section-2.2">RFC 7523
 * §2.2</a>, <a href="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication">
 * OIDC Core §9</a>), MACed with the client secret or signed with one of the client's keys.
 *
 * <p>In order, cheapest and keyless first: parse (size bound, JWS compact form only) → find the
 * client its {@code iss} names → {@link AssertionRules} (header, then claims) → the client's keys
 * and the signature → the {@code jti}'s single use, recorded only for an assertion that verified.
 * The method it amounts to follows from {@code alg}: HMAC is {@code client_secret_jwt}, anything
 * else {@code private_key_jwt}.
 *
 * <p>A failure is {@code invalid_client}; an unknown client, a missing key and a wrong signature
 * share one description. A replay set that cannot be reached fails the request with 503: an
 * assertion whose use cannot be recorded is not accepted.
 */
final class ClientAssertionAuthentication implements ClientAuthStrategy {

  private static final String FAILED = "client authentication failed";

  private final ClientRegistry registry;
  private final ClientKeySource keys;
  private final ReplayGuard replays;
  private final SignatureChecks signatures;
  private final CryptoExecutor workers;
  private final AssertionRules rules;
  private final int maxBytes;
  private final Duration clockSkew;
  private final Clock clock;

  ClientAssertionAuthentication(
      ClientRegistry registry,
      ClientKeySource keys,
      ReplayGuard replays,
      AssertionPolicy policy,
      SignatureChecks signatures,
      CryptoExecutor workers) {
    this.registry = requireNonNull(registry, "registry");
    this.keys = requireNonNull(keys, "keys");
    this.replays = requireNonNull(replays, "replays");
    this.signatures = requireNonNull(signatures, "signatures");
    this.workers = requireNonNull(workers, "workers");
    this.rules = AssertionRules.of(requireNonNull(policy, "policy"));
    this.maxBytes = policy.config().maxBytes();
    this.clockSkew = Duration.ofSeconds(policy.config().maxClockSkewSeconds());
    this.clock = policy.clock();
  }

  @Override
  public boolean isPresented(ClientAuthRequest request) {
    return ClientAssertion.isPresented(request.form());
  }

  @Override
  public Future<Authentication> authenticate(ClientAuthRequest request) {
    Instant now = clock.instant();
    ClientAssertion assertion;
    RegisteredClient client;
    try {
      assertion = ClientAssertion.parse(request.form(), maxBytes);
      client = issuer(assertion);
      rules.check(assertion, client, now);
    } catch (OAuthException e) {
      return Future.failedFuture(e);
    }
    JWSAlgorithm algorithm = assertion.header().getAlgorithm();
    Future<Void> verified =
        JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
            ? macVerified(assertion, client)
            : signatureVerified(assertion, client);
    return verified
        .compose(signed -> usedFirstTime(assertion, client))
        .map(first -> new Authentication(client, AssertionAlgorithmFitsMethod.methodOf(algorithm)));
  }

  /** The client that {@code iss} names (RFC 7523 §3 item 1). */
  private RegisteredClient issuer(ClientAssertion assertion) {
    return registry
        .find(assertion.claims().getIssuer())
        .orElseThrow(() -> AssertionRule.refused(FAILED, "iss is not a registered client"));
  }

  /** {@code client_secret_jwt}: the MAC with the client secret's octets (OIDC Core §9). */
  private Future<Void> macVerified(ClientAssertion assertion, RegisteredClient client) {
    ClientSecret secret = client.secret().filter(ClientSecret::hasHmacKey).orElse(null);
    if (secret == null) {
      return Future.failedFuture(AssertionRule.refused(FAILED, "client has no HMAC key"));
    }
    byte[] key = secret.hmacKey();
    try {
      // Microseconds on any provider: inline.
      boolean valid =
          signatures.hmacVerifier(key, assertion.header().getAlgorithm()).verify(assertion.jwt());
      return valid
          ? Future.succeededFuture()
          : Future.failedFuture(AssertionRule.refused(FAILED, "MAC not valid"));
    } catch (JOSEException e) {
      return Future.failedFuture(
          AssertionRule.refused(FAILED, "client secret too short for the alg"));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * {@code private_key_jwt}: a signature by one of the client's keys; an unknown {@code kid} asks
   * the key source once for fresh keys (a rotation), within its rate limit.
   */
  private Future<Void> signatureVerified(ClientAssertion assertion, RegisteredClient client) {
    return keys.keys(client, false)
        .compose(
            current -> {
              List<JWK> candidates = AssertionKeys.candidates(current, assertion.header());
              return candidates.isEmpty()
                  ? keys.keys(client, true)
                      .map(fresh -> AssertionKeys.candidates(fresh, assertion.header()))
                  : Future.succeededFuture(candidates);
            })
        .compose(candidates -> verifiedByOne(assertion, candidates));
  }

  private Future<Void> verifiedByOne(ClientAssertion assertion, List<JWK> candidates) {
    if (candidates.isEmpty()) {
      return Future.failedFuture(
          AssertionRule.refused(FAILED, "no registered key fits the alg and kid"));
    }
    if (candidates.size() > AssertionKeys.MAX_CANDIDATES) {
      return Future.failedFuture(
          AssertionRule.refused(
              FAILED,
              candidates.size()
                  + " keys fit and no kid tells them apart; the assertion must name its kid"));
    }
    JWSAlgorithm algorithm = assertion.header().getAlgorithm();
    return signatures
        .executorFor(algorithm, workers)
        .submit(() -> anyVerifies(assertion, candidates))
        .compose(
            valid ->
                valid
                    ? Future.succeededFuture()
                    : Future.failedFuture(AssertionRule.refused(FAILED, "signature not valid")));
  }

  private boolean anyVerifies(ClientAssertion assertion, List<JWK> candidates) {
    JWSAlgorithm algorithm = assertion.header().getAlgorithm();
    for (JWK key : candidates) {
      try {
        if (signatures.verifier(key, algorithm).verify(assertion.jwt())) {
          return true;
        }
      } catch (JOSEException e) {
        // A key that fits by its members but cannot be made a verifier matches nothing.
      }
    }
    return false;
  }

  /**
   * OIDC Core §9: the {@code jti} is used once. It is remembered past {@code exp} by the tolerated
   * clock skew, which covers replicas whose clocks differ by that much.
   */
  private Future<Void> usedFirstTime(ClientAssertion assertion, RegisteredClient client) {
    Instant until = assertion.claims().getExpirationTime().toInstant().plus(clockSkew);
    return replays
        .firstUse(client.id(), assertion.claims().getJWTID(), until)
        .compose(
            first ->
                first
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        AssertionRule.refused(
                            "client assertion was already used", "jti already used")));
  }
}
