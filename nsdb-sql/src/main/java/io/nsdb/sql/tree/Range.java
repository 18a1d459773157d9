package io.nsdb.sql.tree;

import java.util.Objects;

/**
 * {@code column IN (lower, upper)}: NSDb's inclusive range, {@code lower <= column <= upper}. The
 * bounds are numbers or {@code now} expressions.
 */
public record Range(Identifier column, Literal lower, Literal upper) implements Condition {

  public Range {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    if (lower instanceof StringLiteral || upper instanceof StringLiteral) {
      throw new IllegalArgumentException("range bounds are numbers or now expressions");
    }
  }
}
