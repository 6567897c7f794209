package io.pargateway.load;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.pargateway.testing.TestAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the {@code private_key_jwt} clients of a benchmark: a new key pair per algorithm (ES256 on
 * P-256, PS256 on RSA 2048, EdDSA on Ed25519), then writes
 *
 * <ul>
 *   <li>the private keys, for {@link PrivateKeyJwtSimulation} ({@code -DclientKeys}): JSON, {@code
 *       {"clients": [{"client_id", "alg", "jwk"}]}}, readable by the owner only;
 *   <li>the clients as the gateway registers them, YAML list items to put under {@code clients:}:
 *       {@code token_endpoint_auth_method: private_key_jwt}, the algorithm as {@code
 *       token_endpoint_auth_signing_alg}, and the public key inline in {@code jwks}.
 * </ul>
 *
 * <p>{@code java -cp ... io.pargateway.load.PrivateKeyJwtClients --keys FILE --clients FILE
 * [--redirect-uri URI] [--algs ES256,PS256,EdDSA]} prints the clients it made, never a key.
 */
public final class PrivateKeyJwtClients {

  private static final String CLIENT_PREFIX = "bench-pk-";

  private PrivateKeyJwtClients() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--redirect-uri", "https://client.example.org/cb");
    options.put("--algs", "ES256,PS256,EdDSA");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!List.of("--keys", "--clients", "--redirect-uri", "--algs").contains(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      options.put(args[i], args[i + 1]);
    }
    if (!options.containsKey("--keys") || !options.containsKey("--clients")) {
      throw new IllegalArgumentException("--keys FILE and --clients FILE are required");
    }
    List<Object> privateClients = new ArrayList<>();
    StringBuilder yaml = new StringBuilder();
    List<String> made = new ArrayList<>();
    for (String name : options.get("--algs").split(",")) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim());
      String clientId = CLIENT_PREFIX + algorithm.getName().toLowerCase(Locale.ROOT);
      JWK key = generate(algorithm, clientId + "-1");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("client_id", clientId);
      entry.put("alg", algorithm.getName());
      entry.put("jwk", key.toJSONObject());
      privateClients.add(entry);
      yaml.append("  - client_id: ")
          .append(clientId)
          .append("\n    token_endpoint_auth_method: private_key_jwt\n")
          .append("    token_endpoint_auth_signing_alg: ")
          .append(algorithm.getName())
          .append("\n    redirect_uris: [\"")
          .append(options.get("--redirect-uri"))
          .append("\"]\n    jwks: ")
          .append(TestAssertions.jwksYaml(key)) // the public part only
          .append('\n');
      made.add(clientId + " (" + algorithm + ")");
    }
    Path keys = Path.of(options.get("--keys"));
    writeOwnerOnly(keys, JSONObjectUtils.toJSONString(Map.of("clients", privateClients)));
    Path clients = Path.of(options.get("--clients"));
    Files.writeString(clients, yaml, StandardCharsets.UTF_8);
    System.out.println(
        "private_key_jwt clients "
            + String.join(", ", made)
            + "; private keys in "
            + keys
            + ", gateway clients in "
            + clients);
  }

  /** A new private key of the kind {@code algorithm} signs with. */
  private static JWK generate(JWSAlgorithm algorithm, String kid) {
    if (JWSAlgorithm.ES256.equals(algorithm)) {
      return TestAssertions.ec(kid);
    }
    if (JWSAlgorithm.PS256.equals(algorithm) || JWSAlgorithm.RS256.equals(algorithm)) {
      return TestAssertions.rsa(kid);
    }
    if (JWSAlgorithm.EdDSA.equals(algorithm)) {
      TestAssertions.Ed25519 pair = TestAssertions.Ed25519.generate(kid);
      // RFC 8037 §2: d is the 32-byte private key (the seed).
      byte[] seed = ((EdECPrivateKey) pair.privateKey()).getBytes().orElseThrow();
      return new OctetKeyPair.Builder(Curve.Ed25519, pair.publicJwk().getX())
          .d(Base64URL.encode(seed))
          .keyID(kid)
          .build();
    }
    throw new IllegalArgumentException("alg must be ES256, PS256, RS256 or EdDSA: " + algorithm);
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
