package io.pargateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The listener's one server key, offered whatever key type the engine asks for.
 *
 * <p>netty on BoringSSL asks for the key type of the TLS 1.2 cipher suites enabled, even for a TLS
 * 1.3 handshake; with the FAPI suites that is always RSA, and a key manager that matched types
 * would find no key for an EC certificate, failing TLS 1.3 too. Each engine still checks that the
 * key fits what it negotiates: BoringSSL picks no TLS 1.2 suite for an EC key, and the JDK skips a
 * key whose algorithm is not the one it asked for.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "server";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  ServerKeyManager(PrivateKey key, X509Certificate[] chain) {
    this.key = key;
    this.chain = chain.clone();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  /** Never a client: no client aliases. */
  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return null;
  }
}
