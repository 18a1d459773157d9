package io.nsdb.sql.tree;

import io.nsdb.sql.SourcePosition;
import java.util.Objects;

/** {@code *}: every column of the metric. The position is not part of equality. */
public record AllColumns(SourcePosition position) implements SelectItem {

  public AllColumns {
    Objects.requireNonNull(position, "position");
  }

  public static AllColumns of() {
    return new AllColumns(SourcePosition.UNKNOWN);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AllColumns;
  }

  @Override
  public int hashCode() {
    return AllColumns.class.hashCode();
  }
}
