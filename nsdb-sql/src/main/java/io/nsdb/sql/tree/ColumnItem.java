package io.nsdb.sql.tree;

import java.util.Objects;

/** A plain column in a select list: {@code select host, value from cpu}. */
public record ColumnItem(Identifier column) implements SelectItem {

  public ColumnItem {
    Objects.requireNonNull(column, "column");
  }
}
