package io.pargateway.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, in log-linear buckets (exact below 128 µs, within 1/64 above), lock
 * free for the load generator's threads. Gatling's own statistics are in whole milliseconds, too
 * coarse for a gateway that answers in a fraction of one.
 */
final class LatencyHistogram {

  private static final int LINEAR = 128;
  private static final int SUB_BUCKETS = 64;
  private static final int SUB_BITS = 6;
  private static final int BUCKETS = LINEAR + 40 * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  void record(long micros) {
    counts.incrementAndGet(index(Math.max(0, micros)));
  }

  long count() {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The smallest recorded bound at or below which {@code percent} of the values lie, in µs. */
  long percentile(double percent) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(BUCKETS - 1);
  }

  long max() {
    for (int i = BUCKETS - 1; i >= 0; i--) {
      if (counts.get(i) > 0) {
        return upperBound(i);
      }
    }
    return 0;
  }

  static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int msb = 63 - Long.numberOfLeadingZeros(micros);
    int shift = msb - SUB_BITS; // micros >> shift is in [64, 127]
    int index = LINEAR + (shift - 1) * SUB_BUCKETS + (int) ((micros >> shift) - SUB_BUCKETS);
    return Math.min(index, BUCKETS - 1);
  }

  static long upperBound(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / SUB_BUCKETS + 1;
    long sub = (index - LINEAR) % SUB_BUCKETS + SUB_BUCKETS;
    return ((sub + 1) << shift) - 1;
  }
}
