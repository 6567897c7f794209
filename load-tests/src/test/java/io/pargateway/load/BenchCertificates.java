package io.pargateway.load;

import io.pargateway.testing.TestCertificates;
import io.pargateway.testing.TestCertificates.Authority;
import io.pargateway.testing.TestCertificates.KeyType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Locale;

/**
 * Makes the keys and certificates of an mTLS benchmark run, with the gateway's test fixtures
 * ({@link TestCertificates}): a root CA (RSA 2048), a server certificate it issues for 127.0.0.1
 * and localhost, and a client certificate with the TLS client EKU for a {@code tls_client_auth}
 * client.
 *
 * <p>{@code java -cp ... io.pargateway.load.BenchCertificates DIR SUBJECT_DN PASSWORD [rsa|ec]}
 * writes into DIR:
 *
 * <ul>
 *   <li>{@code ca.pem}: the CA, for {@code client_authentication.mtls.trust_anchors_path};
 *   <li>{@code tls.crt}, {@code tls.key}: the server's certificate and key (RSA 2048, so that the
 *       FAPI TLS 1.2 suites work too), for the listener's {@code tls};
 *   <li>{@code client.p12}: the client's key and chain, PKCS12 protected with PASSWORD, for
 *       Gatling's {@code gatling.ssl.keyStore.*} and the handshake driver; its key is RSA 2048 or,
 *       with {@code ec}, P-256;
 *   <li>{@code client.crt}, {@code client.key}: the same as PEM, e.g. for curl.
 * </ul>
 *
 * and prints {@code certificates written to DIR}.
 */
public final class BenchCertificates {

  private BenchCertificates() {}

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: BenchCertificates DIR SUBJECT_DN PASSWORD [rsa|ec]");
    }
    Path dir = Path.of(args[0]);
    String subject = args[1];
    char[] password = args[2].toCharArray();
    KeyType clientKey =
        args.length > 3 ? KeyType.valueOf(args[3].toUpperCase(Locale.ROOT)) : KeyType.RSA;
    Files.createDirectories(dir);

    Authority ca = Authority.root("CN=PAR Gateway Bench CA");
    Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    ca.issueServer(dir, KeyType.RSA);
    TestCertificates client =
        ca.issueClient(subject, clientKey)
            .writeTo(dir.resolve("client.crt"), dir.resolve("client.key"));

    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "client", client.privateKey(), password, client.chain().toArray(new Certificate[0]));
    try (OutputStream out = Files.newOutputStream(dir.resolve("client.p12"))) {
      store.store(out, password);
    }
    System.out.println("certificates written to " + dir);
  }
}
