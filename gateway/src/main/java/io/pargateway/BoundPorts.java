package io.pargateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The ports the listeners are bound to, by listener index (useful when a listener asks for 0). */
final class BoundPorts {

  /**
   * Vert.x gives each server on port 0 its own random port, and one random port to all servers of a
   * Vert.x instance that ask for the same negative port. Each gateway started in the process takes
   * negative ports of its own, so two gateways on one Vert.x never share a socket.
   */
  private static final AtomicInteger NEXT_SHARED_RANDOM_PORT = new AtomicInteger();

  private final ConcurrentMap<Integer, Integer> ports = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> requested;

  /** {@code configured} are the configured ports by listener index. */
  BoundPorts(List<Integer> configured) {
    Map<Integer, Integer> requested = new HashMap<>();
    for (int i = 0; i < configured.size(); i++) {
      int port = configured.get(i);
      requested.put(i, port == 0 ? -NEXT_SHARED_RANDOM_PORT.incrementAndGet() : port);
    }
    this.requested = Map.copyOf(requested);
  }

  /** The port every verticle's server for listener {@code index} asks Vert.x for. */
  int requested(int listener) {
    return requested.get(listener);
  }

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
