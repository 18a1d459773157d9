package io.nsdb.core.engine;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.schema.MetricInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs; {@code conf/nsdb.conf} documents each setting.
 *
 * @param chunkMaxPoints points per sealed chunk ({@code nsdb.head.chunk-max-points})
 * @param flushInterval how long a head buffer may stay open before it is sealed anyway
 * @param commitInterval how often metrics commit their shards and the log is truncated
 * @param refreshInterval how often sealed chunks move from the pending list into the searchers
 * @param retentionCheckInterval how often expired data is dropped
 */
public record StorageConfig(
    Path dataDir,
    CommitLogConfig commitLog,
    MetricInfo defaultMetricInfo,
    int chunkMaxPoints,
    Duration flushInterval,
    Duration commitInterval,
    Duration refreshInterval,
    Duration retentionCheckInterval,
    Clock clock) {

  public StorageConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(commitLog, "commitLog");
    Objects.requireNonNull(defaultMetricInfo, "defaultMetricInfo");
    Objects.requireNonNull(clock, "clock");
    if (chunkMaxPoints < 1) {
      throw new IllegalArgumentException("chunkMaxPoints must be positive: " + chunkMaxPoints);
    }
    for (Duration interval :
        new Duration[] {flushInterval, commitInterval, refreshInterval, retentionCheckInterval}) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("intervals must be positive: " + interval);
      }
    }
  }

  /** The defaults of {@code conf/nsdb.conf} for a data directory. */
  public static StorageConfig defaults(Path dataDir) {
    return new StorageConfig(
        dataDir,
        CommitLogConfig.defaults(),
        new MetricInfo(Duration.ofDays(1), Duration.ZERO),
        1024,
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        Clock.systemUTC());
  }

  public StorageConfig withCommitLog(CommitLogConfig commitLog) {
    return new StorageConfig(
        dataDir,
        commitLog,
        defaultMetricInfo,
        chunkMaxPoints,
        flushInterval,
        commitInterval,
        refreshInterval,
        retentionCheckInterval,
        clock);
  }

  public StorageConfig withChunkMaxPoints(int chunkMaxPoints) {
    return new StorageConfig(
        dataDir,
        commitLog,
        defaultMetricInfo,
        chunkMaxPoints,
        flushInterval,
        commitInterval,
        refreshInterval,
        retentionCheckInterval,
        clock);
  }

  public StorageConfig withClock(Clock clock) {
    return new StorageConfig(
        dataDir,
        commitLog,
        defaultMetricInfo,
        chunkMaxPoints,
        flushInterval,
        commitInterval,
        refreshInterval,
        retentionCheckInterval,
        clock);
  }

  public StorageConfig withDefaultMetricInfo(MetricInfo defaultMetricInfo) {
    return new StorageConfig(
        dataDir,
        commitLog,
        defaultMetricInfo,
        chunkMaxPoints,
        flushInterval,
        commitInterval,
        refreshInterval,
        retentionCheckInterval,
        clock);
  }

  public StorageConfig withMaintenance(
      Duration flushInterval,
      Duration commitInterval,
      Duration refreshInterval,
      Duration retentionCheckInterval) {
    return new StorageConfig(
        dataDir,
        commitLog,
        defaultMetricInfo,
        chunkMaxPoints,
        flushInterval,
        commitInterval,
        refreshInterval,
        retentionCheckInterval,
        clock);
  }
}
