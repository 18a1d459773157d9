package io.nsdb.core.commitlog;

import io.nsdb.core.io.FileIo;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CommitLog} behaves: the sync policy ({@code nsdb.commit-log.sync}), the fsync
 * interval under {@link SyncPolicy#INTERVAL} ({@code sync-interval}), the size at which a segment
 * rolls ({@code segment-size}), and the file system to use.
 */
public record CommitLogConfig(
    SyncPolicy sync, Duration syncInterval, long segmentSize, FileIo fileIo) {

  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(10);
  public static final long DEFAULT_SEGMENT_SIZE = 64L << 20;

  /** The smallest segment size accepted; tiny segments are for tests of rolling. */
  public static final long MIN_SEGMENT_SIZE = 64;

  public CommitLogConfig {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(syncInterval, "syncInterval");
    Objects.requireNonNull(fileIo, "fileIo");
    if (syncInterval.isNegative() || syncInterval.isZero()) {
      throw new IllegalArgumentException(
          "the commit log's sync interval must be positive [sync-interval=" + syncInterval + "]");
    }
    if (segmentSize < MIN_SEGMENT_SIZE) {
      throw new IllegalArgumentException(
          "the commit log's segment size is too small [segment-size="
              + segmentSize
              + ", minimum="
              + MIN_SEGMENT_SIZE
              + "]");
    }
  }

  /** {@link SyncPolicy#ALWAYS}, 10 ms, 64 MiB, the NIO file system: the configuration defaults. */
  public static CommitLogConfig defaults() {
    return new CommitLogConfig(
        SyncPolicy.ALWAYS, DEFAULT_SYNC_INTERVAL, DEFAULT_SEGMENT_SIZE, FileIo.nio());
  }

  public CommitLogConfig withSync(SyncPolicy sync) {
    return new CommitLogConfig(sync, syncInterval, segmentSize, fileIo);
  }

  public CommitLogConfig withSyncInterval(Duration syncInterval) {
    return new CommitLogConfig(sync, syncInterval, segmentSize, fileIo);
  }

  public CommitLogConfig withSegmentSize(long segmentSize) {
    return new CommitLogConfig(sync, syncInterval, segmentSize, fileIo);
  }

  public CommitLogConfig withFileIo(FileIo fileIo) {
    return new CommitLogConfig(sync, syncInterval, segmentSize, fileIo);
  }
}
