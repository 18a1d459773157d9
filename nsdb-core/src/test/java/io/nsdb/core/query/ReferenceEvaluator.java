package io.nsdb.core.query;

import io.nsdb.core.NsdbException;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.predicate.PointPredicate;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.core.schema.ColumnKind;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.AggregateFunction;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.OrderBy;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;
import io.nsdb.sql.tree.SortDirection;
import io.nsdb.sql.tree.StringLiteral;
import io.nsdb.sql.tree.TagGroupBy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A deliberately naive implementation of the query semantics of {@code package-info.java}, for the
 * differential test: it holds every live point in a list and computes each answer by filtering,
 * sorting and looping, sharing nothing with the engine but the WHERE evaluation of {@link
 * PredicateCompiler} (three-valued logic) and the result records.
 */
final class ReferenceEvaluator {

  private static final String TIMESTAMP = "timestamp";
  private static final String VALUE = "value";

  /**
   * One live point: its series' dimensions and tags, timestamp, value (Long for a BIGINT metric,
   * Double for DECIMAL) and arrival order (informational only: the contract never orders by it).
   */
  record Point(
      Map<String, Object> dimensions,
      Map<String, Object> tags,
      long timestamp,
      Number value,
      long arrival) {

    Point {
      dimensions = Map.copyOf(dimensions);
      tags = Map.copyOf(tags);
    }

    /** A series column's value, or null when the series lacks it. */
    Object seriesColumn(String name) {
      Object value = dimensions.get(name);
      return value != null ? value : tags.get(name);
    }

    /** timestamp, value or a series column (null when lacking). */
    Object column(String name) {
      return switch (name) {
        case TIMESTAMP -> timestamp;
        case VALUE -> value;
        default -> seriesColumn(name);
      };
    }

    /** The series as its columns' sorted {@code name=value} text. */
    String seriesText() {
      TreeMap<String, Object> all = new TreeMap<>(dimensions);
      all.putAll(tags);
      return all.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
    }

    long rawValue() {
      return value instanceof Double d ? Double.doubleToRawLongBits(d) : value.longValue();
    }
  }

  /** The reference finds the statement invalid against the schema (unknown column, bad type). */
  static final class InvalidQuery extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidQuery(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Schema schema;
  private final long now;

  private ReferenceEvaluator(Schema schema, long now) {
    this.schema = schema;
    this.now = now;
  }

  /**
   * The expected rows of {@code select} over {@code points} (the metric's live points) for a metric
   * with {@code schema} (which gives the value type and each column's kind).
   *
   * @throws InvalidQuery when the statement names an unknown column or compares across types
   */
  static List<ResultRow> evaluate(List<Point> points, Schema schema, Select select, long now) {
    return new ReferenceEvaluator(schema, now).run(points, select);
  }

  private List<ResultRow> run(List<Point> points, Select select) {
    validate(select);
    PointPredicate where;
    try {
      where =
          select
              .where()
              .map(c -> PredicateCompiler.compile(c, schema, now))
              .orElse(PointPredicate.ALL);
    } catch (NsdbException e) {
      throw new InvalidQuery(e.getMessage(), e);
    }
    Long sinceFrom = select.since().map(g -> now - g.toMillis()).orElse(null);
    List<Point> selected = new ArrayList<>();
    for (Point p : points) {
      SeriesKey series = new SeriesKey(p.dimensions(), p.tags());
      if (where.test(series, p.timestamp(), p.rawValue())
          && (sinceFrom == null || p.timestamp() >= sinceFrom)) {
        selected.add(p);
      }
    }
    if (select.distinct()) {
      return distinct(selected, select);
    }
    if (!select.isAggregate()) {
      return plain(selected, select);
    }
    if (select.groupBy().isEmpty()) {
      return List.of(aggregateRow(selected, select.aggregations(), null, null, null));
    }
    return switch (select.groupBy().get()) {
      case TagGroupBy tag -> groupByColumn(selected, select, tag.tag().value());
      case IntervalGroupBy interval -> groupByInterval(selected, select, interval, sinceFrom);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Validation: only what the schema decides (the parser checked the rest).

  private void validate(Select select) {
    for (SelectItem item : select.items()) {
      switch (item) {
        case ColumnItem c -> requireColumn(c.column().value(), true);
        case Aggregation a -> a.column().ifPresent(c -> requireColumn(c.value(), true));
        case AllColumns all -> {}
      }
    }
    select
        .groupBy()
        .ifPresent(
            g -> {
              if (g instanceof TagGroupBy tag) {
                requireColumn(tag.tag().value(), false);
              }
            });
    select.orderBy().ifPresent(o -> requireColumn(o.column().value(), true));
    if (select.distinct()) {
      requireColumn(((ColumnItem) select.items().get(0)).column().value(), false);
    }
  }

  private void requireColumn(String name, boolean builtInAllowed) {
    boolean builtIn = name.equals(TIMESTAMP) || name.equals(VALUE);
    if (builtIn ? !builtInAllowed : !schema.columns().containsKey(name)) {
      throw new InvalidQuery("not a usable column here: " + name, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plain selects.

  private List<ResultRow> plain(List<Point> selected, Select select) {
    Comparator<Point> tiebreak =
        Comparator.comparingLong(Point::timestamp)
            .thenComparing(Point::value, ReferenceEvaluator::compareNumbers)
            .thenComparing(Point::seriesText);
    Comparator<Point> order = tiebreak;
    if (select.orderBy().isPresent()) {
      OrderBy orderBy = select.orderBy().get();
      String column = orderBy.column().value();
      boolean desc = orderBy.direction() == SortDirection.DESC;
      Comparator<Point> byColumn =
          (x, y) -> {
            Object a = x.column(column);
            Object b = y.column(column);
            if (a == null || b == null) {
              // Lacking rows first in ASC, last in DESC.
              int nulls = a == null ? (b == null ? 0 : -1) : 1;
              return desc ? -nulls : nulls;
            }
            int c = compareValues(a, b);
            return desc ? -c : c;
          };
      order = byColumn.thenComparing(tiebreak);
    }
    List<Point> sorted = new ArrayList<>(selected);
    sorted.sort(order);
    sorted = limit(sorted, select);
    Set<String> kept = null;
    if (!(select.items().get(0) instanceof AllColumns)) {
      kept = new HashSet<>();
      for (SelectItem item : select.items()) {
        kept.add(((ColumnItem) item).column().value());
      }
    }
    List<ResultRow> rows = new ArrayList<>();
    for (Point p : sorted) {
      rows.add(
          new ResultRow(
              p.timestamp(), p.value(), keep(p.dimensions(), kept), keep(p.tags(), kept)));
    }
    return rows;
  }

  private static Map<String, Object> keep(Map<String, Object> columns, Set<String> kept) {
    Map<String, Object> result = new TreeMap<>();
    columns.forEach(
        (k, v) -> {
          if (kept == null || kept.contains(k)) {
            result.put(k, v);
          }
        });
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // DISTINCT.

  private List<ResultRow> distinct(List<Point> selected, Select select) {
    String column = ((ColumnItem) select.items().get(0)).column().value();
    List<Object> values = new ArrayList<>();
    for (Point p : selected) {
      Object v = p.seriesColumn(column);
      if (v != null && !values.contains(v)) {
        values.add(v);
      }
    }
    boolean desc = select.orderBy().map(o -> o.direction() == SortDirection.DESC).orElse(false);
    values.sort(desc ? (a, b) -> compareValues(b, a) : ReferenceEvaluator::compareValues);
    values = limit(values, select);
    boolean isDimension = schema.columns().get(column).kind() == ColumnKind.DIMENSION;
    List<ResultRow> rows = new ArrayList<>();
    for (Object v : values) {
      Map<String, Object> one = Map.of(column, v);
      rows.add(new ResultRow(0L, 0L, isDimension ? one : Map.of(), isDimension ? Map.of() : one));
    }
    return rows;
  }

  // ---------------------------------------------------------------------------------------------
  // Aggregations.

  /** An aggregation's result, and for first/last the point it took (else null). */
  private record Result(Object value, Point took) {}

  private Result aggregate(List<Point> points, Aggregation aggregation) {
    String column = aggregation.column().map(c -> c.value()).orElse(null);
    AggregateFunction function = aggregation.function();
    if (function == AggregateFunction.COUNT) {
      if (aggregation.distinct()) {
        Set<Object> distinct = new HashSet<>();
        for (Point p : points) {
          Object v = p.column(column);
          if (v != null) {
            distinct.add(v);
          }
        }
        return new Result((long) distinct.size(), null);
      }
      long count = 0;
      for (Point p : points) {
        if (column == null || p.column(column) != null) {
          count++;
        }
      }
      return new Result(count, null);
    }
    if (points.isEmpty()) {
      return new Result(null, null);
    }
    boolean decimal = schema.valueType() == ColumnType.DECIMAL;
    switch (function) {
      case SUM, AVG -> {
        List<Point> inOrder = new ArrayList<>(points);
        inOrder.sort(
            Comparator.comparingLong(Point::timestamp)
                .thenComparing(Point::value, ReferenceEvaluator::compareNumbers)
                .thenComparing(Point::seriesText));
        Number sum;
        if (decimal) {
          double s = 0;
          for (Point p : inOrder) {
            s += (Double) p.value();
          }
          sum = s;
        } else {
          long s = 0;
          for (Point p : inOrder) {
            s = Math.addExact(s, (Long) p.value());
          }
          sum = s;
        }
        if (function == AggregateFunction.SUM) {
          return new Result(sum, null);
        }
        return new Result(sum.doubleValue() / points.size(), null);
      }
      case MIN, MAX -> {
        Number best = null;
        for (Point p : points) {
          if (best == null) {
            best = p.value();
          } else {
            int c = compareNumbers(p.value(), best);
            if (function == AggregateFunction.MIN ? c < 0 : c > 0) {
              best = p.value();
            }
          }
        }
        return new Result(best, null);
      }
      case FIRST, LAST -> {
        Point best = null;
        for (Point p : points) {
          if (best == null) {
            best = p;
            continue;
          }
          int c = Long.compare(p.timestamp(), best.timestamp());
          if (c == 0) {
            c = compareNumbers(p.value(), best.value());
          }
          if (function == AggregateFunction.FIRST ? c < 0 : c > 0) {
            best = p;
          }
        }
        return new Result(best.value(), best);
      }
      default -> throw new AssertionError(function);
    }
  }

  /**
   * One aggregate row. {@code bucketStart} is the row's timestamp for GROUP BY INTERVAL (null
   * otherwise); {@code groupColumn}/{@code groupValue} the GROUP BY column's name and value.
   */
  private ResultRow aggregateRow(
      List<Point> points,
      List<Aggregation> aggregations,
      Long bucketStart,
      String groupColumn,
      Object groupValue) {
    Map<String, Object> tags = new LinkedHashMap<>();
    Number value = null;
    Long tookTimestamp = null;
    boolean first = true;
    for (Aggregation aggregation : aggregations) {
      Result result = aggregate(points, aggregation);
      if (first) {
        value = (Number) result.value();
        first = false;
      }
      boolean firstOrLast =
          aggregation.function() == AggregateFunction.FIRST
              || aggregation.function() == AggregateFunction.LAST;
      if (firstOrLast && tookTimestamp == null && result.took() != null) {
        tookTimestamp = result.took().timestamp();
      }
      tags.put(aggregation.label(), result.value());
    }
    if (groupColumn != null) {
      tags.put(groupColumn, groupValue);
    }
    long timestamp = bucketStart != null ? bucketStart : tookTimestamp != null ? tookTimestamp : 0L;
    return new ResultRow(timestamp, value, Map.of(), tags);
  }

  private List<ResultRow> groupByColumn(List<Point> selected, Select select, String column) {
    Map<Object, List<Point>> groups = new LinkedHashMap<>();
    for (Point p : selected) {
      Object v = p.seriesColumn(column);
      if (v != null) {
        groups.computeIfAbsent(v, k -> new ArrayList<>()).add(p);
      }
    }
    record Group(Object key, ResultRow row) {}
    List<Group> rows = new ArrayList<>();
    groups.forEach(
        (key, points) ->
            rows.add(
                new Group(key, aggregateRow(points, select.aggregations(), null, column, key))));
    Comparator<Group> byKey = (a, b) -> compareValues(a.key(), b.key());
    Comparator<Group> order = byKey;
    if (select.orderBy().isPresent()) {
      OrderBy orderBy = select.orderBy().get();
      boolean desc = orderBy.direction() == SortDirection.DESC;
      if (orderBy.column().value().equals(VALUE)) {
        Comparator<Group> byValue =
            (a, b) -> compareNullableNumbers(a.row().value(), b.row().value());
        order = (desc ? byValue.reversed() : byValue).thenComparing(byKey);
      } else if (orderBy.column().value().equals(column)) {
        order = desc ? byKey.reversed() : byKey;
      } else {
        throw new InvalidQuery("ORDER BY of a GROUP BY column: the column or value", null);
      }
    }
    rows.sort(order);
    return limit(rows.stream().map(Group::row).toList(), select);
  }

  private List<ResultRow> groupByInterval(
      List<Point> selected, Select select, IntervalGroupBy groupBy, Long sinceFrom) {
    long width = groupBy.interval().toMillis();
    TimeBounds bounds = select.where().map(c -> timeBounds(c, false)).orElse(TimeBounds.UNBOUNDED);
    if (sinceFrom != null) {
      bounds = bounds.intersect(new TimeBounds(sinceFrom, null));
    }
    if (bounds.isEmpty()) {
      return List.of();
    }
    Long lower = bounds.lower();
    Long upper = bounds.upper();
    if (selected.isEmpty() && (lower == null || upper == null)) {
      return List.of();
    }
    if (lower == null) {
      lower = selected.stream().mapToLong(Point::timestamp).min().orElseThrow();
    }
    if (upper == null) {
      upper = selected.stream().mapToLong(Point::timestamp).max().orElseThrow();
    }
    if (lower > upper) {
      return List.of();
    }
    long firstBucket = Math.floorDiv(lower, width);
    long lastBucket = Math.floorDiv(upper, width);
    if (lastBucket - firstBucket > 100_000) {
      throw new IllegalStateException("the test generated too wide a range: " + bounds);
    }
    List<ResultRow> rows = new ArrayList<>();
    for (long k = firstBucket; k <= lastBucket; k++) {
      long bucket = k;
      List<Point> inBucket =
          selected.stream().filter(p -> Math.floorDiv(p.timestamp(), width) == bucket).toList();
      rows.add(aggregateRow(inBucket, select.aggregations(), bucket * width, null, null));
    }
    if (select.orderBy().isPresent()) {
      OrderBy orderBy = select.orderBy().get();
      if (!orderBy.column().value().equals(TIMESTAMP)) {
        throw new InvalidQuery("ORDER BY of a GROUP BY INTERVAL: timestamp", null);
      }
      if (orderBy.direction() == SortDirection.DESC) {
        rows = new ArrayList<>(rows.reversed());
      }
    }
    return limit(rows, select);
  }

  // ---------------------------------------------------------------------------------------------
  // The WHERE's time range: the tightest interval a plain reading of the condition implies
  // (comparisons and ranges on timestamp, AND as intersection, OR as hull, NOT pushed inwards by
  // De Morgan, which holds in three-valued logic too; anything else says nothing of the time).

  /** An inclusive interval of timestamps; a null side is unbounded; lower > upper is empty. */
  record TimeBounds(Long lower, Long upper) {
    static final TimeBounds UNBOUNDED = new TimeBounds(null, null);
    static final TimeBounds EMPTY = new TimeBounds(1L, 0L);

    boolean isEmpty() {
      return lower != null && upper != null && lower > upper;
    }

    TimeBounds intersect(TimeBounds other) {
      TimeBounds result =
          new TimeBounds(bound(lower, other.lower, true), bound(upper, other.upper, false));
      return result.isEmpty() ? EMPTY : result;
    }

    /** The tighter of two bounds, a null one being no bound at all. */
    private static Long bound(Long a, Long b, boolean isLower) {
      if (a == null) {
        return b;
      }
      if (b == null) {
        return a;
      }
      return isLower ? Math.max(a, b) : Math.min(a, b);
    }

    TimeBounds hull(TimeBounds other) {
      if (isEmpty()) {
        return other;
      }
      if (other.isEmpty()) {
        return this;
      }
      Long lo = lower == null || other.lower == null ? null : (Long) Math.min(lower, other.lower);
      Long hi = upper == null || other.upper == null ? null : (Long) Math.max(upper, other.upper);
      return new TimeBounds(lo, hi);
    }
  }

  private TimeBounds timeBounds(Condition condition, boolean negated) {
    return switch (condition) {
      case And and -> combine(and.operands(), negated, !negated);
      case Or or -> combine(or.operands(), negated, negated);
      case Not not -> timeBounds(not.operand(), !negated);
      case Comparison c when c.column().value().equals(TIMESTAMP) ->
          comparisonBounds(negated ? negate(c.operator()) : c.operator(), c.value());
      case Range r when r.column().value().equals(TIMESTAMP) && !negated -> {
        TimeBounds lower = comparisonBounds(ComparisonOperator.GREATER_THAN_OR_EQUAL, r.lower());
        TimeBounds upper = comparisonBounds(ComparisonOperator.LESS_THAN_OR_EQUAL, r.upper());
        yield lower.intersect(upper);
      }
      default -> TimeBounds.UNBOUNDED;
    };
  }

  private TimeBounds combine(List<Condition> operands, boolean negated, boolean intersect) {
    TimeBounds result = null;
    for (Condition operand : operands) {
      TimeBounds b = timeBounds(operand, negated);
      result = result == null ? b : intersect ? result.intersect(b) : result.hull(b);
    }
    return result;
  }

  private static ComparisonOperator negate(ComparisonOperator operator) {
    return switch (operator) {
      case EQUAL -> ComparisonOperator.NOT_EQUAL;
      case NOT_EQUAL -> ComparisonOperator.EQUAL;
      case LESS_THAN -> ComparisonOperator.GREATER_THAN_OR_EQUAL;
      case LESS_THAN_OR_EQUAL -> ComparisonOperator.GREATER_THAN;
      case GREATER_THAN -> ComparisonOperator.LESS_THAN_OR_EQUAL;
      case GREATER_THAN_OR_EQUAL -> ComparisonOperator.LESS_THAN;
    };
  }

  /** The integer timestamps t with {@code t <op> literal}. */
  private TimeBounds comparisonBounds(ComparisonOperator operator, Literal literal) {
    double x;
    switch (literal) {
      case LongLiteral l -> {
        return longBounds(operator, l.value());
      }
      case NowLiteral n -> {
        return longBounds(operator, n.resolve(now));
      }
      case DoubleLiteral d -> x = d.value();
      case StringLiteral s -> throw new InvalidQuery("timestamp compared with a string", null);
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return longBounds(operator, (long) x);
    }
    long floor = (long) Math.floor(x);
    long ceil = (long) Math.ceil(x);
    return switch (operator) {
      case EQUAL -> TimeBounds.EMPTY;
      case NOT_EQUAL -> TimeBounds.UNBOUNDED;
      case LESS_THAN, LESS_THAN_OR_EQUAL -> new TimeBounds(null, floor);
      case GREATER_THAN, GREATER_THAN_OR_EQUAL -> new TimeBounds(ceil, null);
    };
  }

  private static TimeBounds longBounds(ComparisonOperator operator, long x) {
    return switch (operator) {
      case EQUAL -> new TimeBounds(x, x);
      case NOT_EQUAL -> TimeBounds.UNBOUNDED;
      case LESS_THAN -> new TimeBounds(null, x - 1);
      case LESS_THAN_OR_EQUAL -> new TimeBounds(null, x);
      case GREATER_THAN -> new TimeBounds(x + 1, null);
      case GREATER_THAN_OR_EQUAL -> new TimeBounds(x, null);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  private static <T> List<T> limit(List<T> rows, Select select) {
    if (select.limit().isPresent() && rows.size() > select.limit().getAsLong()) {
      return new ArrayList<>(rows.subList(0, (int) select.limit().getAsLong()));
    }
    return rows;
  }

  /** Longs exactly, anything with a double as doubles. */
  static int compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }

  private static int compareNullableNumbers(Number a, Number b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return compareNumbers(a, b);
  }

  /** Column values of one column: strings by text, numbers numerically. */
  static int compareValues(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    return compareNumbers((Number) a, (Number) b);
  }
}
