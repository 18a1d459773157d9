package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code DESCRIBE metric}: its columns and their types. */
public record Describe(Identifier metric) implements Statement {

  public Describe {
    Objects.requireNonNull(metric, "metric");
  }
}
