package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code host = 'a'} inside an INSERT's DIM or TAGS list; the value is a number or a string. */
public record ColumnAssignment(Identifier column, Literal value) {

  public ColumnAssignment {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
    if (value instanceof NowLiteral) {
      throw new IllegalArgumentException("a dimension or tag value is a number or a string");
    }
  }
}
