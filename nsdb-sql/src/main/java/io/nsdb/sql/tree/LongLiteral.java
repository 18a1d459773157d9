package io.nsdb.sql.tree;

/** An integer: {@code 42}, {@code -7}. */
public record LongLiteral(long value) implements NumericLiteral {

  @Override
  public double doubleValue() {
    return value;
  }
}
