package io.nsdb.core.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one subscriber has not yet been sent of one subscription (quid): the records gathered since
 * the last frame, throttled to the subscriber's refresh period and bounded twice over.
 *
 * <ul>
 *   <li><b>Retention.</b> At most {@code retentionSize} records are kept between frames, the
 *       newest; each older one is dropped and counted, and the next frame reports the count. No
 *       record is lost without being counted: over the outbox's life, the records of all frames
 *       plus their drop counts plus what is still {@link #pending() pending} equal the records
 *       added.
 *   <li><b>Keyed records.</b> An aggregation's record is the latest state of a group: {@link #put}
 *       replaces a kept record with the same key (latest wins), so keyed records are never dropped
 *       and their number is bounded by the groups, not by retention.
 *   <li><b>Position.</b> A frame's {@code lastLsn} is how far the subscription has been matched
 *       ({@link #advance}), not only its records' highest LSN: a client that took the frame has
 *       seen every write up to it (or its drop count), which is where it resumes. A quiet
 *       subscription whose position moved gets an empty <em>progress</em> frame every {@code
 *       progressMillis}, so that its resume point stays recent.
 *   <li><b>Refresh period.</b> {@link #poll} gives at most one frame per {@code
 *       refreshPeriodMillis}, carrying everything kept since the previous frame and the drops since
 *       then. Nothing gathered, nothing sent: a quiet subscription costs no frames.
 *   <li><b>Capacity.</b> At most {@code capacity} frames may be sent and not yet {@link
 *       #acknowledge acknowledged} by the consumer. When a frame is due and that many are out, no
 *       frame is made (the records wait, retention keeps dropping and counting) and the poll counts
 *       an <em>overflow</em>, at most one per refresh period. After {@code stuckAfter} consecutive
 *       overflows the outbox is {@link #stuck()}: the consumer has not taken a frame for that many
 *       periods and its owner should close the subscription.
 * </ul>
 *
 * <p>Frames are numbered 1, 2, 3... per outbox, so a subscriber can tell a gap (and later resume)
 * per quid. Time is passed in; the outbox reads no clock. Not thread-safe: one owner.
 *
 * @param <R> a record as the subscriber receives it
 */
public final class SubscriptionOutbox<R> {

  /**
   * One frame to send: the records in arrival order, how many were dropped before them, its
   * sequence number, and the highest LSN among the records it carries or dropped (the point a
   * client that took this frame has seen up to).
   */
  public record Flush<R>(List<R> records, long dropped, long sequence, long lastLsn) {
    public Flush {
      records = List.copyOf(records);
    }
  }

  private final int retentionSize;
  private final long refreshPeriodMillis;
  private final int capacity;
  private final int stuckAfter;
  private final long progressMillis;

  private final ArrayDeque<R> kept = new ArrayDeque<>();
  private final Map<Object, R> keyed = new LinkedHashMap<>();
  private long lastLsn;
  private long sentLsn;
  private long lastFrameAt = Long.MIN_VALUE;
  private long droppedSinceFrame;
  private long droppedTotal;
  private long nextDueAt = Long.MIN_VALUE;
  private long sequence;
  private long acknowledged;
  private int consecutiveOverflows;
  private long overflows;

  /**
   * @param retentionSize the most records kept between frames, at least 1
   * @param refreshPeriodMillis the least time between two frames, at least 1
   * @param capacity the most frames sent and not yet acknowledged, at least 1
   * @param stuckAfter how many consecutive overflows make the outbox stuck, at least 1
   */
  public SubscriptionOutbox(
      int retentionSize, long refreshPeriodMillis, int capacity, int stuckAfter) {
    this(retentionSize, refreshPeriodMillis, capacity, stuckAfter, Long.MAX_VALUE);
  }

  /**
   * As the other constructor, with a progress frame every {@code progressMillis} (at least 1) for a
   * quiet subscription whose position moved.
   */
  public SubscriptionOutbox(
      int retentionSize,
      long refreshPeriodMillis,
      int capacity,
      int stuckAfter,
      long progressMillis) {
    this.progressMillis = atLeastOne("progressMillis", progressMillis);
    this.retentionSize = (int) atLeastOne("retentionSize", retentionSize);
    this.refreshPeriodMillis = atLeastOne("refreshPeriodMillis", refreshPeriodMillis);
    this.capacity = (int) atLeastOne("capacity", capacity);
    this.stuckAfter = (int) atLeastOne("stuckAfter", stuckAfter);
  }

  private static long atLeastOne(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "must be at least 1 [" + name + "=" + value + ", expected>=1]");
    }
    return value;
  }

  /**
   * Gathers {@code record}, made by the write with LSN {@code lsn}, dropping (and counting) the
   * oldest kept one when retention is full.
   */
  public void add(R record, long lsn) {
    if (kept.size() == retentionSize) {
      kept.pollFirst();
      droppedSinceFrame++;
      droppedTotal++;
    }
    kept.addLast(record);
    lastLsn = Math.max(lastLsn, lsn);
  }

  /**
   * Gathers {@code record} as the latest state of {@code key}, replacing a kept record of the same
   * key; it goes after every record kept before it.
   */
  public void put(Object key, R record, long lsn) {
    keyed.remove(key);
    keyed.put(key, record);
    lastLsn = Math.max(lastLsn, lsn);
  }

  /**
   * Every write up to {@code lsn} has been matched against this subscription: what it made is
   * gathered here.
   */
  public void advance(long lsn) {
    lastLsn = Math.max(lastLsn, lsn);
  }

  /**
   * The frame due at {@code nowMillis}, or null: none when nothing was gathered or dropped since
   * the last frame (unless a progress frame is due), when the last frame is less than a refresh
   * period old, or when {@code capacity} frames are unacknowledged (an overflow).
   */
  public Flush<R> poll(long nowMillis) {
    if (nowMillis < nextDueAt) {
      return null;
    }
    if (lastFrameAt == Long.MIN_VALUE) {
      lastFrameAt = nowMillis; // the first poll starts the progress clock, as a frame would
    }
    if (pending() == 0 && droppedSinceFrame == 0) {
      boolean progressDue =
          lastLsn > sentLsn
              && progressMillis != Long.MAX_VALUE
              && nowMillis - lastFrameAt >= progressMillis;
      if (!progressDue) {
        return null;
      }
    }
    // A full period from now either way: a frame, or a counted overflow.
    nextDueAt = nowMillis + refreshPeriodMillis;
    if (inFlight() >= capacity) {
      consecutiveOverflows++;
      overflows++;
      return null;
    }
    consecutiveOverflows = 0;
    List<R> records = new ArrayList<>(kept);
    records.addAll(keyed.values());
    Flush<R> frame = new Flush<>(records, droppedSinceFrame, ++sequence, lastLsn);
    sentLsn = lastLsn;
    lastFrameAt = nowMillis;
    kept.clear();
    keyed.clear();
    droppedSinceFrame = 0;
    return frame;
  }

  /**
   * The consumer took every frame up to {@code sequence} (cumulative; an older or repeated
   * acknowledgement changes nothing).
   *
   * @throws IllegalArgumentException for a sequence never sent
   */
  public void acknowledge(long sequence) {
    if (sequence > this.sequence) {
      throw new IllegalArgumentException(
          "acknowledged a frame never sent [sequence="
              + sequence
              + ", last="
              + this.sequence
              + "]");
    }
    acknowledged = Math.max(acknowledged, sequence);
  }

  /** Whether the consumer has left {@code stuckAfter} consecutive due frames unmade. */
  public boolean stuck() {
    return consecutiveOverflows >= stuckAfter;
  }

  /** Whether records or drops are waiting for a frame. */
  public boolean hasUnsent() {
    return pending() > 0 || droppedSinceFrame > 0;
  }

  /** Records kept and waiting for the next frame. */
  public int pending() {
    return kept.size() + keyed.size();
  }

  /** Frames sent and not yet acknowledged. */
  public int inFlight() {
    return (int) (sequence - acknowledged);
  }

  /** The sequence number of the last frame, 0 before the first. */
  public long lastSequence() {
    return sequence;
  }

  /** Records dropped over the outbox's life. */
  public long droppedTotal() {
    return droppedTotal;
  }

  /** Polls that found a frame due and the consumer {@code capacity} frames behind. */
  public long overflows() {
    return overflows;
  }
}
