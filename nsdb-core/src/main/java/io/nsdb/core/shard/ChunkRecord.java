package io.nsdb.core.shard;

import io.nsdb.core.head.SeriesKey;
import java.util.Objects;

/**
 * A sealed chunk as a shard stores it: the series, the time bounds, the summary (values as raw long
 * bits: a long, or a double's bits, per the metric's value type), the highest LSN among its points,
 * and the compressed points.
 *
 * @param sum the exact long sum, or a double's raw bits for DECIMAL metrics
 * @param sumExact false when a long sum overflowed and only decoding gives it
 */
public record ChunkRecord(
    SeriesKey series,
    long minTimestamp,
    long maxTimestamp,
    int count,
    long min,
    long max,
    long first,
    long last,
    long sum,
    boolean sumExact,
    long maxLsn,
    byte[] points) {

  public ChunkRecord {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(points, "points");
    if (count < 1 || minTimestamp > maxTimestamp) {
      throw new IllegalArgumentException(
          "a chunk holds at least one point in a non-empty time range [count="
              + count
              + ", minTimestamp="
              + minTimestamp
              + ", maxTimestamp="
              + maxTimestamp
              + "]");
    }
  }
}
