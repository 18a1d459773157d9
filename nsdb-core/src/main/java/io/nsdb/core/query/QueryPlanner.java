package io.nsdb.core.query;

import io.nsdb.core.model.ColumnType;
import io.nsdb.core.predicate.NowResolver;
import io.nsdb.core.predicate.PointPredicate;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.schema.Column;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.StringLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a WHERE into what the scan needs: the time range (from {@code timestamp} conjuncts, which
 * picks shards and chunks), a {@link SeriesFilter} (from equality and range conjuncts on series
 * columns, which Lucene evaluates), and the residual point predicate. The residual is the whole
 * condition: the range and the filter only prune, so correctness never depends on them. When every
 * conjunct was fully captured by range and filter, there is no residual, and chunks wholly inside
 * the range can answer from their summaries.
 */
final class QueryPlanner {

  /** What a scan reads and how each point is tested. */
  record Plan(TimeRange range, SeriesFilter filter, Optional<PointPredicate> residual) {}

  private QueryPlanner() {}

  static Plan plan(Optional<Condition> where, Schema schema, long nowMillis) {
    if (where.isEmpty()) {
      return new Plan(TimeRange.ALL, SeriesFilter.ALL, Optional.empty());
    }
    Condition resolved = NowResolver.resolve(where.get(), nowMillis);
    PointPredicate residual = PredicateCompiler.compile(resolved, schema, nowMillis);
    List<Condition> conjuncts = resolved instanceof And and ? and.operands() : List.of(resolved);
    TimeRange range = TimeRangeExtractor.extract(resolved);
    List<SeriesFilter> filters = new ArrayList<>();
    boolean allCaptured = true;
    for (Condition conjunct : conjuncts) {
      if (isExactTimeBound(conjunct)) {
        continue; // captured exactly by the extracted range
      }
      Optional<SeriesFilter> filter = seriesFilter(conjunct, schema);
      if (filter.isPresent()) {
        filters.add(filter.get());
        continue;
      }
      allCaptured = false;
    }
    SeriesFilter filter =
        filters.isEmpty()
            ? SeriesFilter.ALL
            : filters.size() == 1 ? filters.get(0) : new SeriesFilter.And(filters);
    return new Plan(range, filter, allCaptured ? Optional.empty() : Optional.of(residual));
  }

  /**
   * Whether a top-level conjunct is a bound on {@code timestamp} with integer literals, which the
   * extracted range captures exactly: it needs no residual test once the scan is cut to the range.
   */
  private static boolean isExactTimeBound(Condition conjunct) {
    return switch (conjunct) {
      case Comparison c ->
          c.column().value().equals("timestamp")
              && c.value() instanceof LongLiteral
              && c.operator() != ComparisonOperator.NOT_EQUAL;
      case Range r ->
          r.column().value().equals("timestamp")
              && r.lower() instanceof LongLiteral
              && r.upper() instanceof LongLiteral;
      default -> false;
    };
  }

  /** An exact series filter for a conjunct on a dimension or tag, if there is one. */
  private static Optional<SeriesFilter> seriesFilter(Condition conjunct, Schema schema) {
    if (conjunct instanceof Comparison c && c.operator() == ComparisonOperator.EQUAL) {
      Column column = schema.columns().get(c.column().value());
      if (column == null) {
        return Optional.empty();
      }
      return stored(column.type(), c.value()).map(v -> new SeriesFilter.Equals(column.name(), v));
    }
    if (conjunct instanceof Range r) {
      Column column = schema.columns().get(r.column().value());
      if (column == null || column.type() == ColumnType.VARCHAR) {
        return Optional.empty();
      }
      Number lower = numeric(r.lower());
      Number upper = numeric(r.upper());
      if (lower == null || upper == null) {
        return Optional.empty();
      }
      boolean integer = column.type().isInteger();
      // An integer column stores Longs: its range is in whole numbers.
      if (integer) {
        long low = lower instanceof Long l ? l : (long) Math.ceil(lower.doubleValue());
        long high = upper instanceof Long u ? u : (long) Math.floor(upper.doubleValue());
        return Optional.of(new SeriesFilter.Between(column.name(), low, high));
      }
      // Lucene orders -0.0 below 0.0; SQL does not tell them apart.
      double low = lower.doubleValue() == 0 ? -0.0 : lower.doubleValue();
      double high = upper.doubleValue() == 0 ? 0.0 : upper.doubleValue();
      return Optional.of(new SeriesFilter.Between(column.name(), low, high));
    }
    return Optional.empty();
  }

  /** The literal as the column stores it, when equality with it is exact. */
  private static Optional<Object> stored(ColumnType type, Literal literal) {
    return switch (type) {
      case VARCHAR ->
          literal instanceof StringLiteral s ? Optional.of(s.value()) : Optional.empty();
      case INT, BIGINT ->
          literal instanceof LongLiteral l ? Optional.of(l.value()) : Optional.empty();
      case DECIMAL ->
          switch (literal) {
            // Zero is left to the residual: Lucene tells -0.0 from 0.0, SQL does not.
            case DoubleLiteral d -> d.value() == 0 ? Optional.empty() : Optional.of(d.value());
            case LongLiteral l ->
                l.value() == 0 ? Optional.empty() : Optional.of((double) l.value());
            default -> Optional.empty();
          };
    };
  }

  private static Number numeric(Literal literal) {
    return switch (literal) {
      case LongLiteral l -> l.value();
      case DoubleLiteral d -> d.value();
      default -> null;
    };
  }
}
