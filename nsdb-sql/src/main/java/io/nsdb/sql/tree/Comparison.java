package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code column <op> literal}: {@code value > 3}, {@code host = 'a'}, {@code timestamp < now}. */
public record Comparison(Identifier column, ComparisonOperator operator, Literal value)
    implements Condition {

  public Comparison {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
  }
}
