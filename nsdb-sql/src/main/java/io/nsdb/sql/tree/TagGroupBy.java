package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code GROUP BY host}: one group per value of the column. */
public record TagGroupBy(Identifier tag) implements GroupBy {

  public TagGroupBy {
    Objects.requireNonNull(tag, "tag");
  }
}
