package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code column LIKE pattern}, with {@code $} as the wildcard (see {@link LikePattern}). */
public record Like(Identifier column, LikePattern pattern) implements Condition {

  public Like {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(pattern, "pattern");
  }
}
