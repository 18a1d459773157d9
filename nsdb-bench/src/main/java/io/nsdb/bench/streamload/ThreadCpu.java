package io.nsdb.bench.streamload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds of a process's threads by name, from {@code /proc/PID/task/TID/stat}, with the
 * trailing numbers of pool threads folded ({@code nsdb-pekko.acto}, {@code C2 CompilerThre}): a
 * snapshot, and the difference of two, to say where a run's CPU went. Linux shows at most 15
 * characters of a name.
 */
final class ThreadCpu {

  private static final double TICKS_PER_SECOND = 100.0;

  private ThreadCpu() {}

  /** CPU seconds by folded thread name; empty when {@code /proc} cannot say. */
  static Map<String, Double> snapshot(long pid) {
    Map<String, Double> byName = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              int open = stat.indexOf('(');
              int close = stat.lastIndexOf(')');
              String name = fold(stat.substring(open + 1, close));
              String[] fields = stat.substring(close + 2).split(" ");
              double seconds =
                  (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
              byName.merge(name, seconds, Double::sum);
            } catch (IOException | RuntimeException e) {
              // The thread ended meanwhile.
            }
          });
    } catch (IOException e) {
      return Map.of();
    }
    return byName;
  }

  /**
   * The {@code top} names by CPU seconds spent between two snapshots (threads that ended between
   * them are not counted), largest first.
   */
  static Map<String, Double> top(Map<String, Double> before, Map<String, Double> after, int top) {
    Map<String, Double> spent = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(top)
        .forEach(e -> spent.put(e.getKey(), e.getValue()));
    return spent;
  }

  /**
   * CPU seconds the whole machine spent busy (every state of the first {@code /proc/stat} line but
   * idle and iowait), to tell what other processes took beside the server and the harness; NaN when
   * {@code /proc} cannot say.
   */
  static double machineBusySeconds() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] fields = line.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** A thread name without its trailing digits and separators: one entry per pool. */
  static String fold(String name) {
    int end = name.length();
    while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '-')) {
      end--;
    }
    return end == 0 ? name : name.substring(0, end);
  }
}
