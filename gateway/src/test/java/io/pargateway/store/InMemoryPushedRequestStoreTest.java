package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryPushedRequestStoreTest extends PushedRequestStoreContractTest {

  private PushedRequestStore shared;

  /** One process holds one store, which all its event loops share. */
  @Override
  PushedRequestStore open(Vertx vertx) {
    if (shared == null) {
      shared = PushedRequestStore.inMemory(1_000);
    }
    return shared;
  }

  @Test
  void whenTtlReachedThenNullWhileOneNanosecondEarlierFound() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Ticker ticker = now::get;
    InMemoryPushedRequestStore clocked = new InMemoryPushedRequestStore(100, ticker);
    RequestUri early = newUri();
    RequestUri onTime = newUri();
    clocked.put(early, request(), Duration.ofSeconds(10));
    clocked.put(onTime, request(), Duration.ofSeconds(10));

    now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertThat(clocked.redeem(early, CLIENT).result()).isEqualTo(request());

    now.addAndGet(1);
    assertThat(clocked.redeem(onTime, CLIENT).result()).isNull();
  }

  @Test
  void whenExpiredEntryPutAgainThenNewRequestStored() {
    AtomicLong now = new AtomicLong();
    InMemoryPushedRequestStore clocked = new InMemoryPushedRequestStore(100, now::get);
    RequestUri uri = newUri();
    PushedRequest later = new PushedRequest(CLIENT, java.util.Map.of("response_type", "token"));
    clocked.put(uri, request(), Duration.ofSeconds(1));
    now.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(clocked.put(uri, later, Duration.ofSeconds(1)).succeeded()).isTrue();
    assertThat(clocked.redeem(uri, CLIENT).result()).isEqualTo(later);
  }

  @Test
  void whenMoreRequestsThanMaxEntriesThenAtMostMaxEntriesKept() {
    InMemoryPushedRequestStore bounded = new InMemoryPushedRequestStore(10);
    int redeemable = 0;
    RequestUri[] uris = new RequestUri[100];
    for (int i = 0; i < uris.length; i++) {
      uris[i] = newUri();
      assertThat(bounded.put(uris[i], request(), TTL).succeeded()).isTrue();
    }
    bounded.cleanUp();
    for (RequestUri uri : uris) {
      if (bounded.redeem(uri, CLIENT).result() != null) {
        redeemable++;
      }
    }
    assertThat(redeemable).isBetween(1, 10);
  }

  @Test
  void whenTtlNotPositiveThenRejected() {
    InMemoryPushedRequestStore memory = new InMemoryPushedRequestStore(10);
    assertThatThrownBy(() -> memory.put(newUri(), request(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> memory.put(newUri(), request(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenMaxEntriesNotPositiveThenRejected() {
    assertThatThrownBy(() -> PushedRequestStore.inMemory(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
