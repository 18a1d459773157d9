package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code DELETE FROM metric WHERE condition}; the condition is required. */
public record Delete(Identifier metric, Condition where) implements Statement {

  public Delete {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(where, "where");
  }
}
