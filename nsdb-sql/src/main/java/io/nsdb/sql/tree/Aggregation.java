package io.nsdb.sql.tree;

import io.nsdb.sql.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregation in a select list: {@code count(*)}, {@code count(host)}, {@code count(distinct
 * host)}, {@code sum(value)}. An empty {@code column} stands for {@code *}. The position (of the
 * function name) is not part of equality.
 */
public record Aggregation(
    AggregateFunction function,
    Optional<Identifier> column,
    boolean distinct,
    SourcePosition position)
    implements SelectItem {

  public Aggregation {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(position, "position");
    if (distinct && (function != AggregateFunction.COUNT || column.isEmpty())) {
      throw new IllegalArgumentException("only count(distinct <column>) takes DISTINCT");
    }
  }

  public static Aggregation of(AggregateFunction function, String column) {
    return new Aggregation(
        function, Optional.of(Identifier.of(column)), false, SourcePosition.UNKNOWN);
  }

  public static Aggregation ofAll(AggregateFunction function) {
    return new Aggregation(function, Optional.empty(), false, SourcePosition.UNKNOWN);
  }

  /**
   * The canonical SQL of this aggregation, also the label of its result column: {@code
   * count(distinct host)}, {@code sum(value)}, {@code count(*)}.
   */
  public String label() {
    String argument = column.map(Identifier::value).orElse("*");
    return function.sqlName() + "(" + (distinct ? "distinct " : "") + argument + ")";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Aggregation that
        && function == that.function
        && column.equals(that.column)
        && distinct == that.distinct;
  }

  @Override
  public int hashCode() {
    return Objects.hash(function, column, distinct);
  }
}
