package io.nsdb.core.query;

import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.Range;
import java.util.List;

/**
 * The time range a WHERE implies, as NSDb's time-range extraction reads it: comparisons and ranges
 * on {@code timestamp} give intervals (decimal bounds rounded inwards to whole milliseconds), AND
 * intersects, OR takes the hull, NOT is pushed inwards (De Morgan holds in three-valued logic too),
 * and anything else says nothing of time. Every selected point lies inside it; it picks shards and
 * chunks, and spans the buckets of GROUP BY INTERVAL. The condition's {@code now} must already be
 * resolved.
 */
final class TimeRangeExtractor {

  private static final TimeRange EMPTY = new TimeRange(1, 0);

  private TimeRangeExtractor() {}

  static TimeRange extract(Condition condition) {
    return range(condition, false);
  }

  private static TimeRange range(Condition condition, boolean negated) {
    return switch (condition) {
      case And and -> combine(and.operands(), negated, !negated);
      case Or or -> combine(or.operands(), negated, negated);
      case Not not -> range(not.operand(), !negated);
      case Comparison c when c.column().value().equals("timestamp") ->
          comparison(negated ? negate(c.operator()) : c.operator(), c.value());
      case Range r when r.column().value().equals("timestamp") && !negated ->
          comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, r.lower())
              .intersect(comparison(ComparisonOperator.LESS_THAN_OR_EQUAL, r.upper()));
      default -> TimeRange.ALL;
    };
  }

  private static TimeRange combine(List<Condition> operands, boolean negated, boolean intersect) {
    TimeRange result = null;
    for (Condition operand : operands) {
      TimeRange range = range(operand, negated);
      result = result == null ? range : intersect ? result.intersect(range) : hull(result, range);
    }
    return result;
  }

  private static TimeRange hull(TimeRange a, TimeRange b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return new TimeRange(Math.min(a.from(), b.from()), Math.max(a.to(), b.to()));
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

  /** The whole-millisecond timestamps t with {@code t <op> literal}. */
  private static TimeRange comparison(ComparisonOperator operator, Literal literal) {
    if (literal instanceof LongLiteral l) {
      return integral(operator, l.value());
    }
    if (!(literal instanceof DoubleLiteral d)) {
      return TimeRange.ALL; // the binder has rejected strings; now is resolved already
    }
    double x = d.value();
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return integral(operator, (long) x);
    }
    return switch (operator) {
      case EQUAL -> EMPTY;
      case NOT_EQUAL -> TimeRange.ALL;
      case LESS_THAN, LESS_THAN_OR_EQUAL -> new TimeRange(Long.MIN_VALUE, (long) Math.floor(x));
      case GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          new TimeRange((long) Math.ceil(x), Long.MAX_VALUE);
    };
  }

  private static TimeRange integral(ComparisonOperator operator, long x) {
    return switch (operator) {
      case EQUAL -> new TimeRange(x, x);
      case NOT_EQUAL -> TimeRange.ALL;
      case LESS_THAN -> x == Long.MIN_VALUE ? EMPTY : new TimeRange(Long.MIN_VALUE, x - 1);
      case LESS_THAN_OR_EQUAL -> new TimeRange(Long.MIN_VALUE, x);
      case GREATER_THAN -> x == Long.MAX_VALUE ? EMPTY : new TimeRange(x + 1, Long.MAX_VALUE);
      case GREATER_THAN_OR_EQUAL -> new TimeRange(x, Long.MAX_VALUE);
    };
  }
}
