package io.nsdb.sql.tree;

import java.util.Locale;

/** The aggregations of the dialect. */
public enum AggregateFunction {
  COUNT,
  SUM,
  MIN,
  MAX,
  AVG,
  /** The value of the bit with the smallest timestamp. */
  FIRST,
  /** The value of the bit with the largest timestamp. */
  LAST;

  /** The lower-case name used in SQL text and in result labels: {@code count}. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
