package io.pargateway.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real keys and certificates made for a test: self-signed server certificates (P-256 or RSA), and a
 * small {@link Authority} that issues server, client and intermediate CA certificates.
 */
public final class TestCertificates {

  /** The key of a certificate. */
  public enum KeyType {
    /** P-256. */
    EC,
    /** RSA 2048. */
    RSA
  }

  private final List<X509Certificate> chain;
  private final PrivateKey privateKey;
  private final Path certPath;
  private final Path keyPath;

  private TestCertificates(
      List<X509Certificate> chain, PrivateKey privateKey, Path certPath, Path keyPath) {
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
    this.certPath = certPath;
    this.keyPath = keyPath;
  }

  /**
   * A P-256 server certificate for localhost and 127.0.0.1, written as PEM files under {@code dir}.
   */
  public static TestCertificates selfSignedServer(Path dir) {
    return selfSignedServer(dir, KeyType.EC);
  }

  /** A server certificate for localhost and 127.0.0.1, written as PEM files under {@code dir}. */
  public static TestCertificates selfSignedServer(Path dir, KeyType type) {
    KeyPair keys = generate(type);
    X500Name subject = name("CN=localhost");
    X509Certificate certificate = sign(serverBuilder(subject, subject, keys), keys.getPrivate());
    return new TestCertificates(List.of(certificate), keys.getPrivate(), null, null)
        .writeTo(dir.resolve("tls.crt"), dir.resolve("tls.key"));
  }

  /** A self-signed client certificate, as {@code self_signed_tls_client_auth} clients use. */
  public static TestCertificates selfSignedClient(String distinguishedName, KeyType type) {
    KeyPair keys = generate(type);
    X500Name subject = name(distinguishedName);
    X509Certificate certificate =
        sign(builder(subject, subject, keys.getPublic()), keys.getPrivate());
    return new TestCertificates(List.of(certificate), keys.getPrivate(), null, null);
  }

  /** The same certificate and key written to other files, as a PEM chain and a PKCS#8 key. */
  public TestCertificates writeTo(Path certPath, Path keyPath) {
    try {
      Files.createDirectories(certPath.toAbsolutePath().getParent());
      Files.createDirectories(keyPath.toAbsolutePath().getParent());
      Files.writeString(certPath, chainPem());
      Files.writeString(keyPath, keyPem());
      return new TestCertificates(chain, privateKey, certPath, keyPath);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path certPath() {
    return certPath;
  }

  public Path keyPath() {
    return keyPath;
  }

  /** The leaf. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Leaf first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The leaf as PEM. */
  public String certificatePem() {
    return pem(chain.get(0));
  }

  /** The whole chain as PEM, leaf first. */
  public String chainPem() {
    StringBuilder pem = new StringBuilder();
    chain.forEach(certificate -> pem.append(pem(certificate)));
    return pem.toString();
  }

  /** The private key as PKCS#8 PEM, as the gateway documents. */
  public String keyPem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(privateKey.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** A client context that trusts exactly this chain's certificates. */
  public SSLContext clientContext() {
    return clientContext(null);
  }

  /**
   * A client context that trusts this chain's certificates and presents {@code client}'s chain, or
   * no certificate when it is {@code null}.
   */
  public SSLContext clientContext(TestCertificates client) {
    return context(chain, client);
  }

  /** A client context that trusts {@code trusted} and presents {@code client}, if not null. */
  public static SSLContext context(List<X509Certificate> trusted, TestCertificates client) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        trust.setCertificateEntry("server-" + i, trusted.get(i));
      }
      TrustManagerFactory trustFactory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustFactory.init(trust);
      KeyManagerFactory keyFactory = null;
      if (client != null) {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
            "client", client.privateKey, password, client.chain.toArray(new Certificate[0]));
        keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyFactory.init(keys, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keyFactory == null ? null : keyFactory.getKeyManagers(),
          trustFactory.getTrustManagers(),
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate authority that issues certificates under its own (RSA) key. */
  public static final class Authority {

    private final X500Name name;
    private final KeyPair keys;
    private final List<X509Certificate> chain;

    private Authority(X500Name name, KeyPair keys, List<X509Certificate> chain) {
      this.name = name;
      this.keys = keys;
      this.chain = List.copyOf(chain);
    }

    /** A self-signed root CA. */
    public static Authority root(String distinguishedName) {
      X500Name name = name(distinguishedName);
      KeyPair keys = generate(KeyType.RSA);
      X509Certificate certificate =
          sign(caBuilder(name, name, keys.getPublic()), keys.getPrivate());
      return new Authority(name, keys, List.of(certificate));
    }

    /** An intermediate CA under this one. */
    public Authority intermediate(String distinguishedName) {
      X500Name subject = name(distinguishedName);
      KeyPair intermediateKeys = generate(KeyType.RSA);
      X509Certificate certificate =
          sign(caBuilder(name, subject, intermediateKeys.getPublic()), keys.getPrivate());
      List<X509Certificate> intermediateChain = new ArrayList<>();
      intermediateChain.add(certificate);
      intermediateChain.addAll(chain);
      return new Authority(subject, intermediateKeys, intermediateChain);
    }

    /** This CA's own certificate. */
    public X509Certificate certificate() {
      return chain.get(0);
    }

    /**
     * A client context that trusts the servers this CA issued and presents {@code client}'s chain,
     * or no certificate when it is {@code null}.
     */
    public SSLContext clientContext(TestCertificates client) {
      return context(List.of(chain.get(chain.size() - 1)), client);
    }

    /** This CA's certificate as PEM, e.g. for a trust anchors file. */
    public String certificatePem() {
      return pem(chain.get(0));
    }

    /**
     * A server certificate for localhost and 127.0.0.1 with its chain up to (without) the root,
     * written under {@code dir}.
     */
    public TestCertificates issueServer(Path dir, KeyType type) {
      KeyPair leafKeys = generate(type);
      JcaX509v3CertificateBuilder builder = serverBuilder(name, name("CN=localhost"), leafKeys);
      return issued(builder, leafKeys).writeTo(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    }

    /** A client certificate for TLS client authentication, with its chain up to the root. */
    public TestCertificates issueClient(String distinguishedName, KeyType type) {
      KeyPair leafKeys = generate(type);
      JcaX509v3CertificateBuilder builder =
          builder(name, name(distinguishedName), leafKeys.getPublic());
      try {
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      } catch (CertIOException e) {
        throw new IllegalStateException(e);
      }
      return issued(builder, leafKeys);
    }

    private TestCertificates issued(JcaX509v3CertificateBuilder builder, KeyPair leafKeys) {
      List<X509Certificate> leafChain = new ArrayList<>();
      leafChain.add(sign(builder, keys.getPrivate()));
      // Up to, without, the root: a peer is expected to hold the root itself.
      leafChain.addAll(chain.subList(0, chain.size() - 1));
      return new TestCertificates(leafChain, leafKeys.getPrivate(), null, null);
    }
  }

  /**
   * An RFC 4514 name as X500Principal reads it (BouncyCastle's own parser keeps the RDNs reversed).
   */
  private static X500Name name(String distinguishedName) {
    return X500Name.getInstance(new X500Principal(distinguishedName).getEncoded());
  }

  private static KeyPair generate(KeyType type) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
      if (type == KeyType.EC) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofMinutes(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        key);
  }

  private static JcaX509v3CertificateBuilder serverBuilder(
      X500Name issuer, X500Name subject, KeyPair keys) {
    JcaX509v3CertificateBuilder builder = builder(issuer, subject, keys.getPublic());
    try {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
    return builder;
  }

  private static JcaX509v3CertificateBuilder caBuilder(
      X500Name issuer, X500Name subject, PublicKey key) {
    JcaX509v3CertificateBuilder builder = builder(issuer, subject, key);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
    return builder;
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
