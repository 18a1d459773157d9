package io.nsdb.core.head;

import java.util.Arrays;

/**
 * The open chunk of one series in one time shard: timestamps and values (raw long bits: a long, or
 * a double's {@link Double#doubleToRawLongBits}) in arrival order. Not thread-safe: the owning
 * {@link MetricHead} guards it.
 */
public final class SeriesBuffer {

  private static final int INITIAL_CAPACITY = 16;

  private final SeriesKey series;
  private final long shardStart;
  private final long openedAtMillis;
  private long[] timestamps = new long[INITIAL_CAPACITY];
  private long[] values = new long[INITIAL_CAPACITY];
  private int size;
  private boolean inOrder = true;
  private long firstLsn;
  private long lastLsn;
  // False once the head let go of this buffer (full or detached to be sealed): a writer's cached
  // reference to it must not append any more.
  boolean attached = true;
  // The last sorted copy handed out, valid while no point was appended: queries over a head that
  // is not being written (after an ingest) then neither copy nor sort it again. Readers hold the
  // metric's read lock, appends its write lock, so the two never overlap; two readers may both
  // compute it, which is harmless.
  private volatile SortedPoints sortedCache;

  SeriesBuffer(SeriesKey series, long shardStart, long openedAtMillis) {
    this.series = series;
    this.shardStart = shardStart;
    this.openedAtMillis = openedAtMillis;
  }

  void append(long timestamp, long value, long lsn) {
    sortedCache = null;
    if (size == timestamps.length) {
      int capacity = size * 2;
      timestamps = Arrays.copyOf(timestamps, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    if (size == 0) {
      firstLsn = lsn;
    } else if (timestamp < timestamps[size - 1]) {
      inOrder = false;
    }
    timestamps[size] = timestamp;
    values[size] = value;
    size++;
    lastLsn = lsn;
  }

  public SeriesKey series() {
    return series;
  }

  public long shardStart() {
    return shardStart;
  }

  public long openedAtMillis() {
    return openedAtMillis;
  }

  public int size() {
    return size;
  }

  /** The LSN of the oldest point here: the commit log must keep everything from it on. */
  public long firstLsn() {
    return firstLsn;
  }

  public long lastLsn() {
    return lastLsn;
  }

  /** Bytes held by the arrays, for the head's memory figures. */
  long capacityBytes() {
    return 2L * Long.BYTES * timestamps.length;
  }

  /**
   * The points sorted by time (stable: equal timestamps keep their arrival order), in arrays that
   * no one may change: the same instance is handed to every reader until the next append.
   */
  public SortedPoints sortedCopy() {
    SortedPoints copy = sortedCache;
    if (copy != null) {
      return copy;
    }
    long[] ts = Arrays.copyOf(timestamps, size);
    long[] vs = Arrays.copyOf(values, size);
    if (!inOrder) {
      SortedPoints.sortByTime(ts, vs);
    }
    copy = new SortedPoints(ts, vs);
    sortedCache = copy;
    return copy;
  }
}
