package io.pargateway.tls;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A server certificate chain and its private key as PEM text, checked to be readable the way the
 * TLS engine reads them and to belong together. A pair that fails the check is never served: a
 * half-written file or a key of another certificate would break every new handshake.
 */
final class PemCredentials {

  private final Buffer certificateChainPem;
  private final Buffer privateKeyPem;
  private final X509Certificate leaf;
  private final KeyCertOptions keyCertOptions;

  private PemCredentials(
      Buffer certificateChainPem, Buffer privateKeyPem, PrivateKey key, X509Certificate[] chain) {
    this.certificateChainPem = certificateChainPem;
    this.privateKeyPem = privateKeyPem;
    this.leaf = chain[0];
    // One instance per pair: servers given the same pair get equal options. The caching factory
    // lets the OpenSSL engine convert the key and chain to its own form once, not in every
    // handshake; the JDK engine takes the key manager inside it as it is.
    this.keyCertOptions =
        KeyCertOptions.wrap(
            new OpenSslCachingX509KeyManagerFactory(
                new KeyManagerFactoryWrapper(new ServerKeyManager(key, chain))));
  }

  /**
   * Reads and checks a pair. It signs with the key, so run it off the event loop.
   *
   * @throws IllegalArgumentException saying what is wrong, never quoting the key
   */
  static PemCredentials parse(Vertx vertx, Buffer certificateChainPem, Buffer privateKeyPem) {
    requireNonNull(certificateChainPem, "certificateChainPem");
    requireNonNull(privateKeyPem, "privateKeyPem");
    PemKeyCertOptions options =
        new PemKeyCertOptions().setCertValue(certificateChainPem).setKeyValue(privateKeyPem);
    X509KeyManager keyManager;
    List<String> aliases;
    try {
      // Vert.x's own PEM reading, as a listener given the files would do it.
      keyManager = x509(options.getKeyManagerFactory(vertx).getKeyManagers());
      KeyStore store = options.loadKeyStore(vertx);
      aliases = Collections.list(store.aliases());
    } catch (Exception e) {
      // Vert.x reports a missing PEM delimiter or an unreadable key in the message, never the key.
      throw new IllegalArgumentException(
          "the certificate or key cannot be read (" + e.getMessage() + ")");
    }
    if (aliases.size() != 1) {
      throw new IllegalArgumentException("expected one private key, found " + aliases.size());
    }
    PrivateKey key = keyManager.getPrivateKey(aliases.get(0));
    X509Certificate[] chain = keyManager.getCertificateChain(aliases.get(0));
    if (key == null || chain == null || chain.length == 0) {
      throw new IllegalArgumentException("no private key with a certificate chain");
    }
    if (!belongTogether(key, chain[0].getPublicKey())) {
      throw new IllegalArgumentException(
          "the private key does not belong to the first certificate of the chain");
    }
    return new PemCredentials(certificateChainPem.copy(), privateKeyPem.copy(), key, chain);
  }

  private static X509KeyManager x509(KeyManager[] managers) {
    for (KeyManager manager : managers) {
      if (manager instanceof X509KeyManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X.509 key manager");
  }

  /** Whether a signature made with {@code key} verifies with {@code publicKey}. */
  private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519" -> "Ed25519";
          case "Ed448" -> "Ed448";
          default ->
              throw new IllegalArgumentException(
                  "unsupported private key type " + key.getAlgorithm());
        };
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A public key of another type or curve cannot verify: not the pair.
      return false;
    }
  }

  /** The pair for a server's TLS options. */
  KeyCertOptions keyCertOptions() {
    return keyCertOptions;
  }

  /** The server's own certificate. */
  X509Certificate leaf() {
    return leaf;
  }

  /** Whether the leaf's key is RSA, which TLS 1.2 under FAPI 2.0 needs. */
  boolean rsa() {
    return "RSA".equals(leaf.getPublicKey().getAlgorithm());
  }

  /** For logs: subject and expiry of the leaf. */
  String describe() {
    return leaf.getSubjectX500Principal().getName()
        + ", "
        + leaf.getPublicKey().getAlgorithm()
        + " key, valid until "
        + leaf.getNotAfter().toInstant();
  }

  /** The same PEM text. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PemCredentials that
        && certificateChainPem.equals(that.certificateChainPem)
        && privateKeyPem.equals(that.privateKeyPem);
  }

  @Override
  public int hashCode() {
    return 31 * certificateChainPem.hashCode() + privateKeyPem.hashCode();
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "PemCredentials[" + describe() + "]";
  }
}
