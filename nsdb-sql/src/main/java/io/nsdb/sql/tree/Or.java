package io.nsdb.sql.tree;

import java.util.List;

/** {@code a OR b OR c}: at least one operand holds. Two or more operands, in written order. */
public record Or(List<Condition> operands) implements Condition {

  public Or {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("OR needs two or more operands");
    }
  }

  public static Or of(Condition... operands) {
    return new Or(List.of(operands));
  }
}
