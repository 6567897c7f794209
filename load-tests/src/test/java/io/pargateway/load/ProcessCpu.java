package io.pargateway.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time from {@code /proc}, in clock ticks: of a watched process (the gateway), of this process
 * (the load generator), of the whole machine and of the fixtures (Redis, the upstream OP). Two
 * samples around a measured window give each one's share of it, so that a run disturbed by other
 * work on a shared machine shows it.
 */
record ProcessCpu(long watched, long generator, long machine, long fixtures) {

  /** A sample now; empty when {@code /proc} cannot be read (the watched process is gone). */
  static Optional<ProcessCpu> sample(long pid, List<Long> fixturePids) {
    try {
      // First line: "cpu user nice system idle iowait irq softirq steal ..."; busy is all but
      // idle and iowait.
      String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(machine.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(machine[i]);
        }
      }
      long fixtures = 0;
      for (long fixture : fixturePids) {
        Path stat = Path.of("/proc", Long.toString(fixture), "stat");
        if (fixture != pid && Files.exists(stat)) {
          fixtures += processTicks(stat);
        }
      }
      return Optional.of(
          new ProcessCpu(
              processTicks(Path.of("/proc", Long.toString(pid), "stat")),
              processTicks(Path.of("/proc/self/stat")),
              busy,
              fixtures));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The shares of {@code seconds} between {@code start} and {@code end}, in % of one core: {@code
   * cpu_pct} (the watched process), {@code generator_cpu_pct}, {@code fixtures_cpu_pct}, {@code
   * machine_cpu_pct} and {@code others_cpu_pct} (the machine's busy time that none of them took).
   */
  static Map<String, String> shares(
      ProcessCpu start, ProcessCpu end, double seconds, int clockTicks) {
    double ticks = clockTicks * seconds / 100;
    double watched = (end.watched - start.watched) / ticks;
    double generator = (end.generator - start.generator) / ticks;
    double machine = (end.machine - start.machine) / ticks;
    double fixtures = (end.fixtures - start.fixtures) / ticks;
    Map<String, String> out = new LinkedHashMap<>();
    out.put("cpu_pct", whole(watched));
    out.put("generator_cpu_pct", whole(generator));
    out.put("fixtures_cpu_pct", whole(fixtures));
    out.put("machine_cpu_pct", whole(machine));
    out.put("others_cpu_pct", whole(Math.max(0, machine - watched - generator - fixtures)));
    return out;
  }

  /** The watched process's CPU time between {@code start} and this sample, in microseconds. */
  long watchedMicrosSince(ProcessCpu start, int clockTicks) {
    return (watched - start.watched) * 1_000_000L / clockTicks;
  }

  /** utime + stime from a {@code /proc/PID/stat} file. */
  private static long processTicks(Path stat) throws IOException {
    String text = Files.readString(stat);
    // The command name (field 2) may hold spaces; the fields after it are plain.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static String whole(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
