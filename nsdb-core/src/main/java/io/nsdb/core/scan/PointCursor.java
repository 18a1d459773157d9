package io.nsdb.core.scan;

import io.nsdb.core.head.SortedPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Walks one series' points inside [from, to] in time order, merging its chunks (which may overlap
 * in time when points arrived out of order). Equal timestamps come out in arrival order: the
 * earlier chunk first, and within a chunk in its own order.
 *
 * <pre>{@code
 * PointCursor cursor = scan.cursor(series, from, to);
 * while (cursor.next()) { use(cursor.timestamp(), cursor.value()); }
 * }</pre>
 */
public final class PointCursor {

  private final List<SortedPoints> chunks;
  private final int[] positions;
  private final long to;
  private long timestamp;
  private long value;

  PointCursor(
      SeriesScan series, long from, long to, Function<ChunkSource.Sealed, SortedPoints> decoder) {
    this.to = to;
    this.chunks = new ArrayList<>(series.chunks().size());
    for (ChunkSource chunk : series.chunks()) {
      if (chunk.maxTimestamp() < from || chunk.minTimestamp() > to) {
        continue;
      }
      chunks.add(
          switch (chunk) {
            case ChunkSource.Sealed sealed -> decoder.apply(sealed);
            case ChunkSource.Head head -> head.points();
          });
    }
    this.positions = new int[chunks.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = firstAtOrAfter(chunks.get(i).timestamps(), from);
    }
  }

  private static int firstAtOrAfter(long[] timestamps, long from) {
    int low = 0;
    int high = timestamps.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (timestamps[mid] < from) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Moves to the next point; false when there is none left in range. */
  public boolean next() {
    int best = -1;
    long bestTimestamp = Long.MAX_VALUE;
    for (int i = 0; i < positions.length; i++) {
      long[] timestamps = chunks.get(i).timestamps();
      if (positions[i] < timestamps.length) {
        long candidate = timestamps[positions[i]];
        if (candidate <= to && (best < 0 || candidate < bestTimestamp)) {
          best = i;
          bestTimestamp = candidate;
        }
      }
    }
    if (best < 0) {
      return false;
    }
    timestamp = bestTimestamp;
    value = chunks.get(best).values()[positions[best]++];
    return true;
  }

  public long timestamp() {
    return timestamp;
  }

  /** The value as raw long bits: the long, or the double's bits for a DECIMAL metric. */
  public long value() {
    return value;
  }
}
