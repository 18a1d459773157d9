package io.nsdb.core.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How many inserted bits wait in the publisher's mailbox, and the bound on it. The write listener
 * adds each batch as it hands it on; the publisher takes it off once matched. A writer whose batch
 * finds more than {@code limit} bits waiting is held ({@link #awaitRoom}) before its insert is
 * acknowledged: when the publisher cannot keep up, ingestion slows to its pace instead of the
 * backlog (and the heap, and every subscriber's latency) growing without end. Nothing is dropped:
 * the batch is already handed on when its writer waits.
 *
 * <p>Thread-safe: writers add and wait, the publisher takes.
 */
public final class PublisherBacklog {

  /** How long a held writer sleeps between looks; a few publisher messages' worth. */
  private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private final long limit;
  private final AtomicLong bits = new AtomicLong();

  private PublisherBacklog(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "the publisher backlog limit must be positive [limit=" + limit + "]");
    }
    this.limit = limit;
  }

  /** Holds writers while more than {@code limit} bits wait. */
  public static PublisherBacklog bounded(long limit) {
    return new PublisherBacklog(limit);
  }

  /** Never holds a writer (tests, tools). */
  public static PublisherBacklog unbounded() {
    return new PublisherBacklog(Long.MAX_VALUE);
  }

  void added(int count) {
    bits.addAndGet(count);
  }

  void taken(int count) {
    bits.addAndGet(-count);
  }

  /**
   * Returns once at most {@code limit} bits wait (at once when they do), or when the thread is
   * interrupted (its interrupt status kept): a writer's batch is already handed on, so an
   * interrupted wait only acknowledges it sooner.
   */
  public void awaitRoom() {
    while (bits.get() > limit && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(this, PARK_NANOS);
    }
  }

  /** Bits handed on and not yet matched. */
  public long size() {
    return bits.get();
  }

  public long limit() {
    return limit;
  }
}
