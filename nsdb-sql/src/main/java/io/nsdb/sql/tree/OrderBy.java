package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code ORDER BY <column> [ASC | DESC]}. */
public record OrderBy(Identifier column, SortDirection direction) {

  public OrderBy {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(direction, "direction");
  }
}
