package io.nsdb.core.shard;

import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.head.SeriesKey;
import java.util.Objects;

/**
 * A sealed chunk as a shard stores it: its series, its summary (count, time bounds, min, max,
 * first, last, sum), the highest LSN among its points, and the compressed points.
 *
 * @param maxLsn the highest LSN of its points: within one series and shard, chunks are sealed in
 *     LSN order, so recovery knows that every point of that series and shard up to it is stored
 */
public record ChunkRecord(SeriesKey series, ChunkSummary summary, long maxLsn, byte[] points) {

  public ChunkRecord {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(points, "points");
  }

  public long minTimestamp() {
    return summary.minTimestamp();
  }

  public long maxTimestamp() {
    return summary.maxTimestamp();
  }
}
