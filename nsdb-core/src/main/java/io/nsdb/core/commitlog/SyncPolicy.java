package io.nsdb.core.commitlog;

/**
 * When the commit log forces its writes to disk, which decides what {@link
 * CommitLog#awaitDurable(long)} promises. Every policy writes each record into the operating
 * system's page cache before {@link CommitLog#append} returns, so a crash of the process alone
 * loses nothing under any policy; they differ on a crash of the machine (power loss, kernel panic).
 */
public enum SyncPolicy {
  /**
   * {@code awaitDurable} returns once the record is fsynced. Concurrent waiters share one fsync. A
   * machine crash loses nothing that was acknowledged.
   */
  ALWAYS,
  /**
   * {@code awaitDurable} returns at once; a background thread fsyncs every {@code sync-interval}. A
   * machine crash loses up to one interval (plus the duration of one fsync) of acknowledged writes.
   */
  INTERVAL,
  /**
   * {@code awaitDurable} returns at once; the log fsyncs only when it rolls to a new segment and on
   * close. A machine crash loses whatever the operating system had not written back yet: with Linux
   * defaults, up to about 30 seconds of acknowledged writes. For tests and bulk loads.
   */
  NONE
}
