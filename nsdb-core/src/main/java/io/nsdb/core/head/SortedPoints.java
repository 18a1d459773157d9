package io.nsdb.core.head;

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
    // A stable merge sort on the primitive arrays. Buffers arrive nearly sorted (two writers'
    // batches interleaved), so halves already in order are joined without merging.
    int n = ts.length;
    if (n < 2) {
      return;
    }
    mergeSort(ts, vs, new long[n], new long[n], 0, n);
  }

  private static void mergeSort(
      long[] ts, long[] vs, long[] tmpTs, long[] tmpVs, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(ts, vs, tmpTs, tmpVs, from, mid);
    mergeSort(ts, vs, tmpTs, tmpVs, mid, to);
    if (ts[mid - 1] <= ts[mid]) {
      return;
    }
    System.arraycopy(ts, from, tmpTs, from, to - from);
    System.arraycopy(vs, from, tmpVs, from, to - from);
    int left = from;
    int right = mid;
    for (int i = from; i < to; i++) {
      // <= keeps equal timestamps in arrival order (stable).
      if (right >= to || (left < mid && tmpTs[left] <= tmpTs[right])) {
        ts[i] = tmpTs[left];
        vs[i] = tmpVs[left++];
      } else {
        ts[i] = tmpTs[right];
        vs[i] = tmpVs[right++];
      }
    }
  }
}
