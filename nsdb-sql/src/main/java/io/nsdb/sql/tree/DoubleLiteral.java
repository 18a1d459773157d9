package io.nsdb.sql.tree;

/** A decimal: {@code 1.5}, {@code .5}, {@code -2e3}. Always finite. */
public record DoubleLiteral(double value) implements NumericLiteral {

  public DoubleLiteral {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a decimal literal must be finite, not " + value);
    }
  }

  @Override
  public double doubleValue() {
    return value;
  }
}
