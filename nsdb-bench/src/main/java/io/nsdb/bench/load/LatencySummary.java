package io.nsdb.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds: of many requests (a histogram) or of a few timed runs. */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

  /** From a histogram of microseconds. */
  public static LatencySummary ofMicros(Histogram micros) {
    return new LatencySummary(
        micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(90) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getMaxValue() / 1e3);
  }

  /**
   * From a few runs: the median as the peer harness takes it (the mean of the middle two of an even
   * count), other percentiles by nearest rank, so that p99 of 5 runs is the slowest.
   */
  static LatencySummary ofMillis(List<Double> millis) {
    if (millis.isEmpty()) {
      throw new IllegalArgumentException("no runs to summarize");
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new LatencySummary(
        n, median, nearestRank(sorted, 90), nearestRank(sorted, 99), sorted.get(n - 1));
  }

  private static double nearestRank(List<Double> sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
