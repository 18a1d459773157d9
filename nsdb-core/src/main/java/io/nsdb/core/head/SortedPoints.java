package io.nsdb.core.head;

import java.util.Arrays;

/**
 * Points of one series sorted by timestamp, as parallel arrays of equal length (values as raw long
 * bits). Owned by whoever received them; nobody else writes them.
 */
public record SortedPoints(long[] timestamps, long[] values) {

  public SortedPoints {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
  }

  public int size() {
    return timestamps.length;
  }

  /** Stable sort of both arrays by timestamp (Arrays.sort on objects is a stable merge sort). */
  static void sortByTime(long[] ts, long[] vs) {
    int n = ts.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
    long[] sortedTs = new long[n];
    long[] sortedVs = new long[n];
    for (int i = 0; i < n; i++) {
      sortedTs[i] = ts[order[i]];
      sortedVs[i] = vs[order[i]];
    }
    System.arraycopy(sortedTs, 0, ts, 0, n);
    System.arraycopy(sortedVs, 0, vs, 0, n);
  }
}
