package io.nsdb.sql.tree;

/** An integer ({@code long}) or decimal ({@code double}) number. */
public sealed interface NumericLiteral extends Literal permits LongLiteral, DoubleLiteral {

  /** The number as a double, for comparisons across the two kinds. */
  double doubleValue();
}
