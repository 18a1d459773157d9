package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code NOT c}: negates only the condition right after it (not the rest of the WHERE). */
public record Not(Condition operand) implements Condition {

  public Not {
    Objects.requireNonNull(operand, "operand");
  }
}
