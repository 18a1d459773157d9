package io.nsdb.sql.tree;

import io.nsdb.sql.SourcePosition;
import java.util.Objects;

/**
 * A name as written (a metric, a column, a namespace), case kept, with where it was written. Two
 * identifiers are equal when their names are: the position is not part of equality.
 */
public record Identifier(String value, SourcePosition position) {

  public Identifier {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(position, "position");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an identifier must not be empty");
    }
  }

  public static Identifier of(String value) {
    return new Identifier(value, SourcePosition.UNKNOWN);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Identifier that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
