package io.nsdb.cluster.shell;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An import's progress as one line: {@code [########............] 40% 12,000 points 8,000 points/s
 * ETA 2s}. The share is of the file's bytes read; the rate counts points sent; the ETA assumes the
 * rest of the file goes as fast as what was read so far.
 */
final class ProgressBar {

  private static final int WIDTH = 20;

  private final long totalBytes;
  private final LongSupplier nanoTime;
  private final long started;

  ProgressBar(long totalBytes, LongSupplier nanoTime) {
    this.totalBytes = totalBytes;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** Seconds since the import started. */
  double elapsedSeconds() {
    return (nanoTime.getAsLong() - started) / (double) TimeUnit.SECONDS.toNanos(1);
  }

  String render(long bytesRead, long points) {
    double share = totalBytes <= 0 ? 1 : Math.min(1, bytesRead / (double) totalBytes);
    int filled = (int) Math.round(share * WIDTH);
    double seconds = elapsedSeconds();
    StringBuilder line =
        new StringBuilder("[")
            .append("#".repeat(filled))
            .append(".".repeat(WIDTH - filled))
            .append("] ")
            .append(String.format(Locale.ROOT, "%3d%%", Math.round(share * 100)))
            .append("  ")
            .append(String.format(Locale.ROOT, "%,d", points))
            .append(points == 1 ? " point" : " points");
    if (seconds > 0) {
      line.append(String.format(Locale.ROOT, "  %,.0f points/s", points / seconds));
    }
    if (share > 0 && share < 1 && seconds > 0) {
      line.append("  ETA ").append(duration(seconds * (1 - share) / share));
    }
    return line.toString();
  }

  /** {@code 45s}, {@code 3m05s}, {@code 1h02m}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
