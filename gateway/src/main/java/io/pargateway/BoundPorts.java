package io.pargateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The ports the listeners are bound to, by listener index (useful when a listener asks for 0). */
final class BoundPorts {

  private final ConcurrentMap<Integer, Integer> ports = new ConcurrentHashMap<>();

  void record(int listener, int port) {
    ports.putIfAbsent(listener, port);
  }

  int port(int listener) {
    Integer port = ports.get(listener);
    if (port == null) {
      throw new IllegalStateException("listener " + listener + " is not bound");
    }
    return port;
  }
}
