package io.pargateway.load;

import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What one simulation measured, next to Gatling's own report: every request's latency in
 * microseconds, completions per second, failures per request name, the sustained rate and, when
 * {@code watchPid} names the gateway's process, its CPU time over the measured window.
 *
 * <p>Sustained rate: in the constant and users modes, requests answered with success during the
 * measured window (after the warm-up), per second. In the ramp mode, the best two-second window in
 * which the answers kept up with the requests sent (at least 95%) and before the first failure.
 *
 * <p>Open-model runs hold back new flows while more than {@code maxInFlight} requests are in
 * flight: the load generator opens a connection for every request that finds none idle, so a
 * stalled gateway (or a stalled load generator) would otherwise be buried under new connections. A
 * constant run sends again once the backlog has drained; a ramp stops for good there, and at its
 * first failure. The flows not sent are counted ({@code skipped_flows}, {@code overloaded=true});
 * the benchmark and the smoke count them as errors.
 *
 * <p>With {@code watchPid}, the CPU time of that process (the gateway), of this one (the load
 * generator), of the {@code fixturePids} (Redis, the upstream OP) and of the whole machine over the
 * measured window are reported too, so that a run disturbed by other work on a shared machine shows
 * it ({@code others_cpu_pct}).
 *
 * <p>One simulation runs per JVM, so the recorder is one static instance.
 */
final class LoadRecorder {

  private static final String STARTED_AT = "loadRecorder.t0";
  private static final int MAX_SECONDS = 7200;
  private static final double KEEPING_UP = 0.95;

  private static volatile LoadRecorder current;

  private final String scenario;
  private final LoadSettings settings;
  private final long startNanos = System.nanoTime();
  private final long measureFromNanos;
  private final long measureToNanos;
  private final AtomicLongArray startedPerSecond = new AtomicLongArray(MAX_SECONDS);
  private final AtomicLongArray okPerSecond = new AtomicLongArray(MAX_SECONDS);
  private final AtomicLongArray koPerSecond = new AtomicLongArray(MAX_SECONDS);
  private final LongAdder okInWindow = new LongAdder();
  private final Map<String, LongAdder> ok = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> ko = new ConcurrentHashMap<>();
  private final LatencyHistogram latencies = new LatencyHistogram();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder skipped = new LongAdder();
  private final ScheduledExecutorService clock;
  private volatile boolean accepting = true;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private volatile ProcessCpu cpuAtStart;
  private volatile ProcessCpu cpuAtEnd;

  private LoadRecorder(String scenario, LoadSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
    this.measureFromNanos = startNanos + settings.measureFrom().toNanos();
    this.measureToNanos = measureFromNanos + settings.measured().toNanos();
    this.clock =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "load-recorder-clock");
              thread.setDaemon(true);
              return thread;
            });
    settings
        .watchPid()
        .ifPresent(
            pid -> {
              clock.schedule(
                  () -> cpuAtStart = ProcessCpu.sample(pid, settings.fixturePids()).orElse(null),
                  settings.measureFrom().toMillis(),
                  TimeUnit.MILLISECONDS);
              clock.schedule(
                  () -> cpuAtEnd = ProcessCpu.sample(pid, settings.fixturePids()).orElse(null),
                  settings.measureFrom().plus(settings.measured()).toMillis(),
                  TimeUnit.MILLISECONDS);
            });
  }

  /** Called from the simulation's {@code before()}. */
  static void start(String scenario, LoadSettings settings) {
    current = new LoadRecorder(scenario, settings);
  }

  /** Whether a new flow should be sent now (see the class comment). */
  static boolean accepting(Session session) {
    LoadRecorder recorder = current;
    if (recorder == null) {
      return true;
    }
    boolean accept =
        recorder.settings.injection() == LoadSettings.Injection.CONSTANT
            ? recorder.inFlight.get() < recorder.settings.maxInFlight()
            : recorder.accepting;
    if (!accept) {
      recorder.skipped.increment();
    }
    return accept;
  }

  /** Whether requests sent now count: the warm-up is over. */
  static boolean measuring() {
    LoadRecorder recorder = current;
    return recorder == null || System.nanoTime() - recorder.measureFromNanos >= 0;
  }

  /** Before each request. */
  static Session begin(Session session) {
    long now = System.nanoTime();
    LoadRecorder recorder = current;
    if (recorder != null) {
      recorder.startedPerSecond.incrementAndGet(recorder.second(now));
      int flying = recorder.inFlight.incrementAndGet();
      if (recorder.settings.injection() == LoadSettings.Injection.RAMP
          && flying > recorder.settings.maxInFlight()) {
        recorder.accepting = false;
      }
    }
    return session.set(STARTED_AT, now);
  }

  /** After the request named {@code name}, whatever its outcome. */
  static Function<Session, Session> end(String name) {
    return session -> {
      long now = System.nanoTime();
      LoadRecorder recorder = current;
      if (recorder != null && session.contains(STARTED_AT)) {
        recorder.record(name, session.getLong(STARTED_AT), now, !session.isFailed());
      }
      return session;
    };
  }

  /**
   * Counts one {@code name} event of the whole run, warm-up included, reported as {@code
   * count.NAME}: e.g. a client certificate the server asked for, which only a full TLS handshake
   * does.
   */
  static void count(String name) {
    LoadRecorder recorder = current;
    if (recorder != null) {
      recorder.counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    }
  }

  private void record(String name, long started, long ended, boolean success) {
    inFlight.decrementAndGet();
    int second = second(ended);
    if (success) {
      okPerSecond.incrementAndGet(second);
      ok.computeIfAbsent(name, n -> new LongAdder()).increment();
      if (ended >= measureFromNanos && ended < measureToNanos) {
        okInWindow.increment();
      }
      if (started >= measureFromNanos && started < measureToNanos) {
        latencies.record((ended - started) / 1_000);
      }
    } else {
      koPerSecond.incrementAndGet(second);
      ko.computeIfAbsent(name, n -> new LongAdder()).increment();
      if (settings.injection() == LoadSettings.Injection.RAMP) {
        accepting = false;
      }
    }
  }

  private int second(long nanos) {
    return (int) Math.min(MAX_SECONDS - 1, Math.max(0, (nanos - startNanos) / 1_000_000_000L));
  }

  /** Called from the simulation's {@code after()}: prints the summary and writes it out. */
  static void finish() {
    LoadRecorder recorder = current;
    if (recorder == null) {
      return;
    }
    recorder.clock.shutdownNow();
    Map<String, String> summary = recorder.summary();
    StringBuilder line = new StringBuilder("load summary:");
    summary.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    System.out.println(line);
    recorder.settings.summaryFile().ifPresent(file -> write(file, summary));
  }

  private Map<String, String> summary() {
    Map<String, String> out = new TreeMap<>();
    long okCount = sum(ok);
    long koCount = sum(ko);
    out.put("scenario", scenario);
    out.put("injection", settings.injection().name().toLowerCase(Locale.ROOT));
    out.put("measured_s", decimal(settings.measured().toMillis() / 1000.0, 1));
    out.put("requests_ok", Long.toString(okCount));
    out.put("requests_ko", Long.toString(koCount));
    out.put("skipped_flows", Long.toString(skipped.sum()));
    ok.forEach((name, count) -> out.put("ok." + name, Long.toString(count.sum())));
    ko.forEach((name, count) -> out.put("ko." + name, Long.toString(count.sum())));
    out.put("sustained_rps", decimal(sustainedRate(), 0));
    out.put("latency_samples", Long.toString(latencies.count()));
    out.put("p50_ms", millis(latencies.percentile(50)));
    out.put("p90_ms", millis(latencies.percentile(90)));
    out.put("p99_ms", millis(latencies.percentile(99)));
    out.put("max_ms", millis(latencies.max()));
    counts.forEach((name, count) -> out.put("count." + name, Long.toString(count.sum())));
    ProcessCpu start = cpuAtStart;
    ProcessCpu end = cpuAtEnd;
    if (start != null && end != null) {
      out.putAll(
          ProcessCpu.shares(
              start, end, settings.measured().toMillis() / 1000.0, settings.clockTicks()));
    }
    boolean overloaded = skipped.sum() > 0;
    out.put("overloaded", Boolean.toString(overloaded));
    return out;
  }

  private double sustainedRate() {
    if (settings.injection() != LoadSettings.Injection.RAMP) {
      return okInWindow.sum() / (settings.measured().toMillis() / 1000.0);
    }
    double best = 0;
    int last = second(System.nanoTime());
    for (int s = 0; s + 1 <= last; s++) {
      if (koPerSecond.get(s) > 0 || koPerSecond.get(s + 1) > 0) {
        break; // no failure is allowed, from the first one on nothing counts
      }
      long sent = startedPerSecond.get(s) + startedPerSecond.get(s + 1);
      long answered = okPerSecond.get(s) + okPerSecond.get(s + 1);
      if (sent > 0 && answered >= KEEPING_UP * sent) {
        best = Math.max(best, answered / 2.0);
      }
    }
    return best;
  }

  private static long sum(Map<String, LongAdder> counts) {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static String millis(long micros) {
    return decimal(micros / 1000.0, 2);
  }

  private static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }

  private static void write(Path file, Map<String, String> summary) {
    StringBuilder text = new StringBuilder();
    summary.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
