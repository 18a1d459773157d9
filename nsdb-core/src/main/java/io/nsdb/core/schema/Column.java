package io.nsdb.core.schema;

import io.nsdb.core.model.ColumnType;
import java.util.Objects;

/** One column of a metric's schema, as {@code DESCRIBE} shows it. */
public record Column(String name, ColumnType type, ColumnKind kind) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
  }
}
