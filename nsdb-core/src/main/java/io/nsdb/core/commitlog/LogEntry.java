package io.nsdb.core.commitlog;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.util.List;
import java.util.Objects;

/**
 * A change the commit log records. Each entry consumes {@link #lsnCount()} consecutive LSNs, at
 * least one: an {@link Insert} one per bit (its bit {@code i} gets LSN {@code firstLsn + i}), the
 * others one each.
 */
public sealed interface LogEntry {

  /** How many LSNs the entry consumes; at least 1. */
  int lsnCount();

  /** Bits inserted into one metric, in the order they were offered; never empty. */
  record Insert(MetricKey metric, List<Bit> bits) implements LogEntry {
    public Insert {
      Objects.requireNonNull(metric, "metric");
      bits = List.copyOf(bits);
      if (bits.isEmpty()) {
        throw new IllegalArgumentException(
            "an insert carries at least one bit [metric=" + metric + "]");
      }
    }

    @Override
    public int lsnCount() {
      return bits.size();
    }
  }

  /**
   * A {@code DELETE}: {@code whereSql} is the canonical SQL of its condition. It is replayed as
   * written, so anything relative to the time of the request ({@code now}) must already be resolved
   * to a literal.
   */
  record Delete(MetricKey metric, String whereSql) implements LogEntry {
    public Delete {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(whereSql, "whereSql");
      if (whereSql.isBlank()) {
        throw new IllegalArgumentException("a delete needs a condition [metric=" + metric + "]");
      }
    }

    @Override
    public int lsnCount() {
      return 1;
    }
  }

  /** {@code DROP METRIC}: the metric's data and schema go. */
  record DropMetric(MetricKey metric) implements LogEntry {
    public DropMetric {
      Objects.requireNonNull(metric, "metric");
    }

    @Override
    public int lsnCount() {
      return 1;
    }
  }

  /** Dropping a namespace with every metric in it. */
  record DropNamespace(String db, String namespace) implements LogEntry {
    public DropNamespace {
      MetricKey.requireName("db", db);
      MetricKey.requireName("namespace", namespace);
    }

    @Override
    public int lsnCount() {
      return 1;
    }
  }
}
