package io.nsdb.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What the server process costs, read from Linux's {@code /proc} as the peer harness reads it: CPU
 * seconds (user + system), peak resident memory, and the bytes of its data directory.
 */
public final class ProcessStats {

  /**
   * {@code /proc/PID/stat} counts in clock ticks; Linux has used 100 per second on x86 for ages.
   */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessStats() {}

  /** utime + stime of the process, in seconds; NaN when it is gone or not on Linux. */
  public static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** A field in kB of {@code /proc/PID/status}, e.g. {@code VmHWM} (peak RSS) or {@code VmRSS}. */
  public static OptionalLong statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          String value = line.substring(field.length() + 1).trim();
          return OptionalLong.of(Long.parseLong(value.split("\\s+")[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone, or not Linux: nothing to report.
    }
    return OptionalLong.empty();
  }

  /** The sum of the sizes of the regular files under dir (what {@code du --apparent-size} says). */
  static long apparentBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException e) {
                  return 0; // deleted while walking: a merge or a checkpoint
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Allocated bytes ({@code du -s --block-size=1}, the peers' figure), if du can say. */
  static OptionalLong allocatedBytes(Path dir) {
    try {
      Process du =
          new ProcessBuilder(List.of("du", "-s", "--block-size=1", dir.toString()))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(du.getInputStream().readAllBytes()).trim();
      if (du.waitFor() == 0 && !out.isEmpty()) {
        return OptionalLong.of(Long.parseLong(out.split("\\s+")[0]));
      }
    } catch (IOException | RuntimeException e) {
      // No du here: the apparent size stands alone.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OptionalLong.empty();
  }
}
