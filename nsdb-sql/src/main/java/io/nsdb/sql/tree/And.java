package io.nsdb.sql.tree;

import java.util.List;

/** {@code a AND b AND c}: all operands hold. Two or more operands, in written order. */
public record And(List<Condition> operands) implements Condition {

  public And {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("AND needs two or more operands");
    }
  }

  public static And of(Condition... operands) {
    return new And(List.of(operands));
  }
}
