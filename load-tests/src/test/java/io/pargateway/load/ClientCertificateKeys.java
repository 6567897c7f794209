package io.pargateway.load;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.util.SimpleKeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The client certificate and key a load client presents, from the keystore Gatling is given for its
 * shared connection pool ({@code gatling.ssl.keyStore.file}, {@code .password}, {@code .type};
 * PKCS12 by default), and which handshakes the server asked for it.
 *
 * <p>A server that requests a client certificate (the gateway's listener with {@code client_auth:
 * request}) asks for it in every full handshake and in none that resumes a session: a resumed TLS
 * 1.2 handshake has no CertificateRequest (<a
 * href="https://datatracker.ietf.org/doc/html/rfc5246#section-7.3">RFC 5246 §7.3</a>), and a TLS
 * 1.3 server resuming with a PSK must not send one (<a
 * href="https://datatracker.ietf.org/doc/html/rfc8446#section-4.3.2">RFC 8446 §4.3.2</a>). So the
 * TLS engines whose key manager was consulted are exactly those that did a full handshake, on
 * either TLS implementation of the client, which is how the load tests tell resumed handshakes from
 * full ones.
 */
final class ClientCertificateKeys {

  static final String FILE_PROPERTY = "gatling.ssl.keyStore.file";
  static final String PASSWORD_PROPERTY = "gatling.ssl.keyStore.password";
  static final String TYPE_PROPERTY = "gatling.ssl.keyStore.type";

  private final X509KeyManager keys;

  /** Engines asked for the certificate; weak, so that closed connections are not kept. */
  private final Set<SSLEngine> asked = Collections.newSetFromMap(new WeakHashMap<>());

  private final Consumer<SSLEngine> onFirstAsk;

  private ClientCertificateKeys(X509KeyManager keys, Consumer<SSLEngine> onFirstAsk) {
    this.keys = requireNonNull(keys, "keys");
    this.onFirstAsk = requireNonNull(onFirstAsk, "onFirstAsk");
  }

  /**
   * The keystore named by the Gatling properties; {@code onFirstAsk} runs once for each TLS engine
   * the server asks for the certificate, on the thread of its handshake.
   *
   * @throws IllegalStateException when the property is not set or the keystore cannot be read
   */
  static ClientCertificateKeys fromSystemProperties(Consumer<SSLEngine> onFirstAsk) {
    String file = System.getProperty(FILE_PROPERTY);
    if (file == null || file.isBlank()) {
      throw new IllegalStateException(
          "no client certificate: set -D" + FILE_PROPERTY + " (and " + PASSWORD_PROPERTY + ")");
    }
    char[] password = System.getProperty(PASSWORD_PROPERTY, "").toCharArray();
    String type = System.getProperty(TYPE_PROPERTY, "PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password);
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      for (KeyManager manager : factory.getKeyManagers()) {
        if (manager instanceof X509KeyManager x509) {
          return new ClientCertificateKeys(x509, onFirstAsk);
        }
      }
      throw new IllegalStateException(file + " holds no X.509 key");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the client keystore " + file, e);
    }
  }

  /** A key manager that presents the certificate and notes which engines were asked for it. */
  X509ExtendedKeyManager keyManager() {
    return new Counting();
  }

  /** {@link #keyManager()} as a factory, as Gatling's {@code perUserKeyManagerFactory} wants. */
  KeyManagerFactory keyManagerFactory() {
    KeyManager[] managers = {keyManager()};
    return new SimpleKeyManagerFactory() {
      @Override
      protected void engineInit(KeyStore keyStore, char[] password) {
        // Built already.
      }

      @Override
      protected void engineInit(ManagerFactoryParameters parameters) {
        // Built already.
      }

      @Override
      protected KeyManager[] engineGetKeyManagers() {
        return managers;
      }
    };
  }

  /** Whether the server asked {@code engine} for the certificate: a full handshake. */
  boolean asked(SSLEngine engine) {
    synchronized (asked) {
      return asked.contains(engine);
    }
  }

  private void ask(SSLEngine engine) {
    boolean first;
    synchronized (asked) {
      first = asked.add(engine);
    }
    if (first) {
      onFirstAsk.accept(engine);
    }
  }

  /**
   * Presents the one key. The JDK's client may ask once per key type it can use, BoringSSL once per
   * handshake; an engine is counted once either way.
   */
  private final class Counting extends X509ExtendedKeyManager {

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      String alias = keys.chooseClientAlias(keyType, issuers, null);
      if (engine != null) {
        ask(engine);
      }
      return alias;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return keys.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return keys.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }

    /** A client only. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return null;
    }
  }
}
