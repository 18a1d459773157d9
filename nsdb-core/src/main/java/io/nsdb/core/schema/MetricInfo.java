package io.nsdb.core.schema;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a metric is stored: the width of its time shards and how long its data is kept ({@link
 * Duration#ZERO} keeps it forever).
 */
public record MetricInfo(Duration shardInterval, Duration retention) {

  public MetricInfo {
    Objects.requireNonNull(shardInterval, "shardInterval");
    Objects.requireNonNull(retention, "retention");
    if (shardInterval.isNegative() || shardInterval.toMillis() < 1) {
      throw new NsdbException(
          ErrorCode.INVALID_METRIC_INFO,
          "shard interval must be at least 1ms [shardInterval=" + shardInterval + "]");
    }
    if (retention.isNegative()) {
      throw new NsdbException(
          ErrorCode.INVALID_METRIC_INFO,
          "retention must not be negative [retention=" + retention + "]");
    }
  }

  public boolean keepsForever() {
    return retention.isZero();
  }
}
