package io.nsdb.core.query;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.sql.tree.AggregateFunction;
import io.nsdb.sql.tree.Aggregation;
import java.util.HashSet;
import java.util.Set;

/**
 * The running state of one aggregation over one group. Points come as raw value bits (see {@link
 * ValueKind}); a whole chunk can come as its summary when {@link #takesSummary} says the summary
 * answers for it.
 */
abstract class Accumulator {

  final ValueKind kind;

  Accumulator(ValueKind kind) {
    this.kind = kind;
  }

  static Accumulator of(Aggregation aggregation, ValueKind kind) {
    String column = aggregation.column().map(c -> c.value()).orElse(null);
    return switch (aggregation.function()) {
      case COUNT ->
          aggregation.distinct()
              ? new CountDistinct(kind, column)
              : column == null ? new Count(kind, null) : new Count(kind, column);
      case SUM -> new Sum(kind);
      case AVG -> new Avg(kind);
      case MIN -> new Extreme(kind, false);
      case MAX -> new Extreme(kind, true);
      case FIRST -> new Edge(kind, false);
      case LAST -> new Edge(kind, true);
    };
  }

  abstract void add(SeriesKey series, long timestamp, long value);

  /** Whether the chunk's summary can stand for its points here. */
  abstract boolean takesSummary(ChunkSummary summary);

  abstract void addSummary(SeriesKey series, ChunkSummary summary);

  /** Sees the summary of a chunk lying wholly in range before any chunk is taken or decoded. */
  void observe(ChunkSummary summary) {}

  /** The result: Long, Double, or null over no points (counts are never null). */
  abstract Number result();

  /**
   * The timestamps of points that can still change this result, as {@code [lo, hi]}; every point by
   * default.
   */
  long usefulFrom() {
    return Long.MIN_VALUE;
  }

  long usefulTo() {
    return Long.MAX_VALUE;
  }

  /** For first/last: the timestamp of the point taken; else none. */
  Long resultTimestamp() {
    return null;
  }

  Number box(long raw) {
    return PlainSelect.box(kind, raw);
  }

  /** Compares two raw values of this kind numerically. */
  int compare(long a, long b) {
    return PlainSelect.compareRaw(kind, a, b);
  }

  static boolean isBuiltIn(String column) {
    return column.equals("value") || column.equals("timestamp");
  }

  /** count(*) (column null) or count(column). */
  static final class Count extends Accumulator {
    private final String column;
    private long count;

    Count(ValueKind kind, String column) {
      super(kind);
      this.column = column;
    }

    private boolean counts(SeriesKey series) {
      return column == null || isBuiltIn(column) || series.column(column) != null;
    }

    @Override
    void add(SeriesKey series, long timestamp, long value) {
      if (counts(series)) {
        count++;
      }
    }

    @Override
    boolean takesSummary(ChunkSummary summary) {
      return true;
    }

    @Override
    void addSummary(SeriesKey series, ChunkSummary summary) {
      if (counts(series)) {
        count += summary.count();
      }
    }

    @Override
    Number result() {
      return count;
    }
  }

  /** count(distinct column). */
  static final class CountDistinct extends Accumulator {
    private final String column;
    private final Set<Object> values = new HashSet<>();

    CountDistinct(ValueKind kind, String column) {
      super(kind);
      this.column = column;
    }

    @Override
    void add(SeriesKey series, long timestamp, long value) {
      Object v =
          switch (column) {
            case "value" -> box(value);
            case "timestamp" -> timestamp;
            default -> series.column(column);
          };
      if (v instanceof Double d && d == 0) {
        v = 0.0; // -0.0 and 0.0 are one value
      }
      if (v != null) {
        values.add(v);
      }
    }

    @Override
    boolean takesSummary(ChunkSummary summary) {
      return !isBuiltIn(column);
    }

    @Override
    void addSummary(SeriesKey series, ChunkSummary summary) {
      add(series, 0, 0);
    }

    @Override
    Number result() {
      return (long) values.size();
    }
  }

  /** sum(value): exact for BIGINT. */
  static final class Sum extends Accumulator {
    private long longSum;
    private double doubleSum;
    private long count;

    Sum(ValueKind kind) {
      super(kind);
    }

    @Override
    void add(SeriesKey series, long timestamp, long value) {
      count++;
      if (kind == ValueKind.LONG) {
        longSum = addExact(longSum, value);
      } else {
        doubleSum += Double.longBitsToDouble(value);
      }
    }

    @Override
    boolean takesSummary(ChunkSummary summary) {
      return !summary.sumOverflow();
    }

    @Override
    void addSummary(SeriesKey series, ChunkSummary summary) {
      count += summary.count();
      if (kind == ValueKind.LONG) {
        longSum = addExact(longSum, summary.sumAsLong());
      } else {
        doubleSum += summary.sumAsDouble();
      }
    }

    @Override
    Number result() {
      if (count == 0) {
        return null;
      }
      return kind == ValueKind.LONG ? (Number) longSum : (Number) doubleSum;
    }

    static long addExact(long a, long b) {
      try {
        return Math.addExact(a, b);
      } catch (ArithmeticException e) {
        throw new NsdbException(
            ErrorCode.NUMERIC_OVERFLOW, "sum(value) does not fit a BIGINT [partial=" + a + "]");
      }
    }
  }

  /** avg(value) = sum / count, as a Double. */
  static final class Avg extends Accumulator {
    private final Sum sum;
    private long count;

    Avg(ValueKind kind) {
      super(kind);
      this.sum = new Sum(kind);
    }

    @Override
    void add(SeriesKey series, long timestamp, long value) {
      count++;
      sum.add(series, timestamp, value);
    }

    @Override
    boolean takesSummary(ChunkSummary summary) {
      return sum.takesSummary(summary);
    }

    @Override
    void addSummary(SeriesKey series, ChunkSummary summary) {
      count += summary.count();
      sum.addSummary(series, summary);
    }

    @Override
    Number result() {
      Number total = sum.result();
      return total == null ? null : total.doubleValue() / count;
    }
  }

  /** min(value) or max(value). */
  static final class Extreme extends Accumulator {
    private final boolean max;
    private boolean any;
    private long best;

    Extreme(ValueKind kind, boolean max) {
      super(kind);
      this.max = max;
    }

    @Override
    void add(SeriesKey series, long timestamp, long value) {
      if (!any || (max ? compare(value, best) > 0 : compare(value, best) < 0)) {
        best = value;
        any = true;
      }
    }

    @Override
    boolean takesSummary(ChunkSummary summary) {
      return true;
    }

    @Override
    void addSummary(SeriesKey series, ChunkSummary summary) {
      add(series, 0, max ? summary.max() : summary.min());
    }

    @Override
    Number result() {
      return any ? box(best) : null;
    }
  }

  /**
   * first(value) (the smallest timestamp, the smallest value on ties) or last(value) (the largest
   * timestamp, the largest value on ties). A summary's first and last break ties by arrival, so
   * they are never taken as results; but a chunk whose summary shows it cannot hold a better point
   * is skipped whole, which is most chunks when they come newest first (see {@link ChunkVisitor}).
   */
  static final class Edge extends Accumulator {
    private final boolean last;
    private boolean any;
    private long timestamp;
    private long value;
    // The best edge some observed chunk is known to reach: its points will be decoded, so a chunk
    // that cannot reach it never needs to be.
    private boolean bounded;
    private long bound;

    Edge(ValueKind kind, boolean last) {
      super(kind);
      this.last = last;
    }

    @Override
    void add(SeriesKey series, long ts, long v) {
      boolean better =
          !any
              || (last
                  ? ts > timestamp || (ts == timestamp && compare(v, value) > 0)
                  : ts < timestamp || (ts == timestamp && compare(v, value) < 0));
      if (better) {
        any = true;
        timestamp = ts;
        value = v;
      }
    }

    /** For last(): nothing before the bound can win; for first(): nothing after it. */
    @Override
    long usefulFrom() {
      return last && bounded ? bound : Long.MIN_VALUE;
    }

    @Override
    long usefulTo() {
      return !last && bounded ? bound : Long.MAX_VALUE;
    }

    @Override
    void observe(ChunkSummary summary) {
      long edge = last ? summary.maxTimestamp() : summary.minTimestamp();
      if (!bounded || (last ? edge > bound : edge < bound)) {
        bound = edge;
        bounded = true;
      }
    }

    /** Only when nothing in the chunk can win: then the summary is ignored. */
    @Override
    boolean takesSummary(ChunkSummary summary) {
      long edge = last ? summary.maxTimestamp() : summary.minTimestamp();
      return (any && (last ? edge < timestamp : edge > timestamp))
          || (bounded && (last ? edge < bound : edge > bound));
    }

    @Override
    void addSummary(SeriesKey series, ChunkSummary summary) {}

    @Override
    Number result() {
      return any ? box(value) : null;
    }

    @Override
    Long resultTimestamp() {
      return any ? timestamp : null;
    }
  }

  /** Whether the function takes a timestamp into the row (first, last). */
  static boolean isEdge(AggregateFunction function) {
    return function == AggregateFunction.FIRST || function == AggregateFunction.LAST;
  }
}
