package io.nsdb.core.query;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.scan.ChunkSource;
import io.nsdb.core.schema.ColumnKind;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SortDirection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Plain selects and DISTINCT: one row per selected point (or per distinct value), ordered and cut
 * as the package documentation says. With a LIMIT only that many rows are ever held.
 */
final class PlainSelect {

  private record PointRow(SeriesKey series, long timestamp, long value) {}

  private PlainSelect() {}

  static List<ResultRow> rows(Select select, ValueKind kind, QueryLimits limits, Visit visit) {
    Comparator<PointRow> order = order(select, kind);
    long limit = select.limit().orElse(Long.MAX_VALUE);
    // The worst rows first, so the head is the one to drop when over the limit.
    PriorityQueue<PointRow> kept = new PriorityQueue<>(order.reversed());
    // Ordered by time with a LIMIT, a chunk that starts after (or, descending, ends before) the
    // worst row kept cannot contribute: it is passed over, and chunks come in the order that
    // makes that happen soonest.
    boolean byTime = select.orderBy().map(o -> o.column().value().equals("timestamp")).orElse(true);
    boolean descending =
        select.orderBy().map(o -> o.direction() == SortDirection.DESC).orElse(false);
    Comparator<ChunkSource> chunkOrder =
        !byTime || limit == Long.MAX_VALUE
            ? null
            : descending
                ? Comparator.comparingLong(ChunkSource::maxTimestamp).reversed()
                : Comparator.comparingLong(ChunkSource::minTimestamp);
    visit.run(
        new ChunkVisitor.Handler() {
          @Override
          public boolean skips(SeriesKey series, ChunkSummary summary) {
            if (chunkOrder == null || kept.size() < limit) {
              return false;
            }
            long worst = kept.peek().timestamp();
            return descending ? summary.maxTimestamp() < worst : summary.minTimestamp() > worst;
          }

          @Override
          public boolean takesSummary(SeriesKey series, ChunkSummary summary) {
            return false;
          }

          @Override
          public void summary(SeriesKey series, ChunkSummary summary) {}

          @Override
          public void point(SeriesKey series, long timestamp, long value) {
            kept.add(new PointRow(series, timestamp, value));
            if (kept.size() > limit) {
              kept.poll();
            }
            if (kept.size() > limits.maxRows()) {
              throw tooLarge(limits);
            }
          }
        },
        chunkOrder);
    List<PointRow> sorted = new ArrayList<>(kept);
    sorted.sort(order);
    Set<String> projection = projection(select);
    List<ResultRow> rows = new ArrayList<>(sorted.size());
    for (PointRow row : sorted) {
      rows.add(
          row(
              row.timestamp(),
              box(kind, row.value()),
              row.series().dimensions(),
              row.series().tags(),
              projection));
    }
    return rows;
  }

  /**
   * The row of one selected point: its own timestamp and value, its series' dimensions and tags cut
   * to {@code projection} (null keeps all). Shared with {@link LiveRows}, so that a streamed record
   * looks exactly like a queried one.
   */
  static ResultRow row(
      long timestamp,
      Number value,
      Map<String, Object> dimensions,
      Map<String, Object> tags,
      Set<String> projection) {
    return new ResultRow(
        timestamp, value, project(dimensions, projection), project(tags, projection));
  }

  static List<ResultRow> distinct(Select select, Schema schema, QueryLimits limits, Visit visit) {
    return distinctRows(select, schema, distinctValues(select, limits, visit));
  }

  /**
   * Every distinct value of the DISTINCT column among the selected points, in ascending order, -0.0
   * and 0.0 as one. All of them, whatever the LIMIT: a {@link LiveDistinct} needs to know every
   * value it must not send again.
   *
   * @throws NsdbException RESULT_TOO_LARGE past {@code maxRows} values
   */
  static NavigableSet<Object> distinctValues(Select select, QueryLimits limits, Visit visit) {
    String column = distinctColumn(select);
    NavigableSet<Object> values = new TreeSet<>(PlainSelect::compareValues);
    visit.run(
        new ChunkVisitor.Handler() {
          @Override
          public boolean takesSummary(SeriesKey series, ChunkSummary summary) {
            return true;
          }

          @Override
          public void summary(SeriesKey series, ChunkSummary summary) {
            add(series);
          }

          @Override
          public void point(SeriesKey series, long timestamp, long value) {
            add(series);
          }

          private void add(SeriesKey series) {
            Object value = series.column(column);
            if (value != null) {
              values.add(Group.normalize(value));
              if (values.size() > limits.maxRows()) {
                throw tooLarge(limits);
              }
            }
          }
        });
    return values;
  }

  /** The DISTINCT rows of {@code values} (ascending), ordered as the select says and cut. */
  static List<ResultRow> distinctRows(Select select, Schema schema, NavigableSet<Object> values) {
    boolean descending =
        select.orderBy().map(o -> o.direction() == SortDirection.DESC).orElse(false);
    String column = distinctColumn(select);
    boolean dimension = isDimension(schema, column);
    long limit = select.limit().orElse(Long.MAX_VALUE);
    List<ResultRow> rows = new ArrayList<>();
    for (Object value : descending ? values.descendingSet() : values) {
      if (rows.size() >= limit) {
        break;
      }
      rows.add(distinctRow(column, dimension, value));
    }
    return rows;
  }

  /** The row of one DISTINCT value: the value under its column, timestamp 0, value 0. */
  static ResultRow distinctRow(String column, boolean dimension, Object value) {
    Map<String, Object> cell = Map.of(column, value);
    return new ResultRow(0, 0L, dimension ? cell : Map.of(), dimension ? Map.of() : cell);
  }

  static String distinctColumn(Select select) {
    return ((ColumnItem) select.items().get(0)).column().value();
  }

  static boolean isDimension(Schema schema, String column) {
    return schema.columns().get(column).kind() == ColumnKind.DIMENSION;
  }

  /** The ORDER BY column (nulls first ascending), then timestamp, value and series, ascending. */
  private static Comparator<PointRow> order(Select select, ValueKind kind) {
    Map<SeriesKey, String> seriesText = new IdentityHashMap<>();
    Comparator<PointRow> tail =
        Comparator.comparingLong(PointRow::timestamp)
            .thenComparing((a, b) -> compareRaw(kind, a.value(), b.value()))
            .thenComparing(
                row -> seriesText.computeIfAbsent(row.series(), PlainSelect::seriesText));
    if (select.orderBy().isEmpty()) {
      return tail;
    }
    String column = select.orderBy().get().column().value();
    boolean descending = select.orderBy().get().direction() == SortDirection.DESC;
    Comparator<PointRow> byColumn =
        switch (column) {
          case "timestamp" -> Comparator.comparingLong(PointRow::timestamp);
          case "value" -> (a, b) -> compareRaw(kind, a.value(), b.value());
          default ->
              (a, b) -> compareNullsFirst(a.series().column(column), b.series().column(column));
        };
    return (descending ? byColumn.reversed() : byColumn).thenComparing(tail);
  }

  static int compareNullsFirst(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return compareValues(a, b);
  }

  @SuppressWarnings("unchecked")
  static int compareValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Long l && y instanceof Long m) {
        return Long.compare(l, m);
      }
      double p = x.doubleValue();
      double q = y.doubleValue();
      return p < q ? -1 : (p > q ? 1 : 0);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  static int compareRaw(ValueKind kind, long a, long b) {
    if (kind == ValueKind.LONG) {
      return Long.compare(a, b);
    }
    double x = Double.longBitsToDouble(a);
    double y = Double.longBitsToDouble(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }

  /** The series as sorted {@code name=value} text, the last tie-break of the row order. */
  static String seriesText(SeriesKey series) {
    Map<String, Object> all = new TreeMap<>(series.dimensions());
    all.putAll(series.tags());
    return all.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  static Number box(ValueKind kind, long raw) {
    return kind == ValueKind.DOUBLE ? (Number) Double.longBitsToDouble(raw) : (Number) raw;
  }

  /** The listed columns, or null for {@code *}. */
  static Set<String> projection(Select select) {
    if (select.items().get(0) instanceof AllColumns) {
      return null;
    }
    return select.items().stream()
        .map(item -> ((ColumnItem) item).column().value())
        .collect(Collectors.toSet());
  }

  private static Map<String, Object> project(Map<String, Object> columns, Set<String> projection) {
    Map<String, Object> kept = new TreeMap<>();
    columns.forEach(
        (name, value) -> {
          if (projection == null || projection.contains(name)) {
            kept.put(name, value);
          }
        });
    return new LinkedHashMap<>(kept);
  }

  static NsdbException tooLarge(QueryLimits limits) {
    return new NsdbException(
        ErrorCode.RESULT_TOO_LARGE,
        "query result exceeds the row limit; add a LIMIT, a narrower WHERE or an aggregation"
            + " [maxRows="
            + limits.maxRows()
            + "]");
  }

  /** Runs the scan through a handler, visiting each series' chunks in an order, or as listed. */
  interface Visit {
    void run(ChunkVisitor.Handler handler, Comparator<ChunkSource> order);

    default void run(ChunkVisitor.Handler handler) {
      run(handler, null);
    }
  }
}
