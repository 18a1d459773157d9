package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code column IS NULL}, or with {@code negated}, {@code column IS NOT NULL}. */
public record NullCheck(Identifier column, boolean negated) implements Condition {

  public NullCheck {
    Objects.requireNonNull(column, "column");
  }
}
