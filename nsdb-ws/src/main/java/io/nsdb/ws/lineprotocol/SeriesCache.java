package io.nsdb.ws.lineprotocol;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Parsed series by their key bytes: an open-addressing table (linear probing) looked up straight
 * from a range of the body, so a hit allocates nothing. The table grows from small to twice the
 * bound; at the bound it is cleared rather than evicting, because the working set of a writer is
 * normally far below it and a clear is cheap. Not thread-safe: one per parser.
 */
final class SeriesCache {

  private static final int INITIAL_CAPACITY = 256;

  private final int maxEntries;
  private final long seed = ThreadLocalRandom.current().nextLong();
  private Series[] table = new Series[INITIAL_CAPACITY];
  private int size;

  SeriesCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException(
          "the series cache needs room for one series [maxEntries=" + maxEntries + "]");
    }
    this.maxEntries = maxEntries;
  }

  int hash(byte[] buf, int start, int end) {
    return Bytes.hash(buf, start, end, seed);
  }

  /** The series whose key is {@code buf[start, end)} (of hash {@code hash}), or null. */
  Series get(byte[] buf, int start, int end, int hash) {
    Series[] t = table;
    int mask = t.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Series series = t[i];
      if (series == null) {
        return null;
      }
      if (series.hash == hash && series.keyEquals(buf, start, end)) {
        return series;
      }
    }
  }

  /** Adds a series that {@link #get} did not find. */
  void put(Series series) {
    if (size == maxEntries) {
      Arrays.fill(table, null);
      size = 0;
    }
    // Load factor at most 1/2, so probes stay short and a free slot always exists.
    if ((size + 1) * 2 > table.length) {
      resize(table.length * 2);
    }
    insert(table, series);
    size++;
  }

  int size() {
    return size;
  }

  private void resize(int capacity) {
    Series[] bigger = new Series[capacity];
    for (Series series : table) {
      if (series != null) {
        insert(bigger, series);
      }
    }
    table = bigger;
  }

  private static void insert(Series[] t, Series series) {
    int mask = t.length - 1;
    int i = series.hash & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = series;
  }
}
