package io.nsdb.sql.tree;

/** The comparison operators; {@code !=} is read as {@link #NOT_EQUAL}. */
public enum ComparisonOperator {
  EQUAL("="),
  NOT_EQUAL("<>"),
  LESS_THAN("<"),
  LESS_THAN_OR_EQUAL("<="),
  GREATER_THAN(">"),
  GREATER_THAN_OR_EQUAL(">=");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The canonical SQL symbol. */
  public String symbol() {
    return symbol;
  }

  /** Whether the operator compares by order, which strings do not support. */
  public boolean isOrdering() {
    return this != EQUAL && this != NOT_EQUAL;
  }
}
