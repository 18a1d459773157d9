package io.nsdb.core.stream;

import io.nsdb.core.model.Bit;
import java.util.ArrayDeque;

/**
 * The recent inserts of one metric, newest last, kept so that a client whose connection dropped can
 * resume its stream where its last frame ended instead of reloading the history. Bounded twice: at
 * most {@code capacity} bits, none published more than {@code maxAgeMillis} ago.
 *
 * <p>The log covers a resume point {@code after} when every bit of the metric with an LSN above
 * {@code after} that the publisher has seen is still here: {@code after} is at or above the
 * <em>horizon</em>, the LSN of the last bit evicted (or the metric's last LSN when the log was
 * started, since bits before that were never kept). Not thread-safe: one owner.
 */
final class ReplayLog {

  /** One kept insert: the bit, its LSN, and the clock reading it was matched at. */
  record Entry(Bit bit, long lsn, long publishedAtMillis) {}

  private final int capacity;
  private final long maxAgeMillis;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long horizon;

  /**
   * @param startLsn the metric's last LSN when the log starts: resume points below it are not
   *     covered
   */
  ReplayLog(long startLsn, int capacity, long maxAgeMillis) {
    if (capacity < 1 || maxAgeMillis < 1) {
      throw new IllegalArgumentException(
          "replay log bounds must be positive [capacity="
              + capacity
              + ", maxAgeMillis="
              + maxAgeMillis
              + "]");
    }
    this.capacity = capacity;
    this.maxAgeMillis = maxAgeMillis;
    this.horizon = startLsn;
  }

  void append(Bit bit, long lsn, long nowMillis) {
    if (entries.size() == capacity) {
      evictOldest();
    }
    entries.addLast(new Entry(bit, lsn, nowMillis));
  }

  /** Evicts the bits published more than the maximum age before {@code nowMillis}. */
  void expire(long nowMillis) {
    while (!entries.isEmpty()
        && entries.peekFirst().publishedAtMillis() < nowMillis - maxAgeMillis) {
      evictOldest();
    }
  }

  private void evictOldest() {
    horizon = Math.max(horizon, entries.pollFirst().lsn());
  }

  /** Whether every bit after {@code afterLsn} is still kept. */
  boolean covers(long afterLsn) {
    return afterLsn >= horizon;
  }

  /** The LSN at or above which resume points are covered. */
  long horizon() {
    return horizon;
  }

  /** The kept bits, oldest first; those at or below a resume point are the caller's to skip. */
  Iterable<Entry> entries() {
    return entries;
  }

  int size() {
    return entries.size();
  }
}
