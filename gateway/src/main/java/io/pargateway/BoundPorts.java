package io.pargateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The ports the listeners are bound to, by listener index (useful when a listener asks for 0). */
final class BoundPorts {

  private final ConcurrentMap<Integer, Integer> ports = new ConcurrentHashMap<>();

  /** Every verticle reports its port; they must agree, or connections would miss some of them. */
  void record(int listener, int port) {
    Integer earlier = ports.putIfAbsent(listener, port);
    if (earlier != null && earlier != port) {
      throw new IllegalStateException(
          "listener " + listener + " bound to both " + earlier + " and " + port);
    }
  }

  int port(int listener) {
    Integer port = ports.get(listener);
    if (port == null) {
      throw new IllegalStateException("listener " + listener + " is not bound");
    }
    return port;
  }
}
