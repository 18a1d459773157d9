package io.nsdb.core.predicate;

import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Like;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.Range;

/**
 * Replaces every {@code now} of a condition by the epoch milliseconds it means at one instant, so
 * the condition means the same when it is replayed from the commit log later.
 */
public final class NowResolver {

  private NowResolver() {}

  public static Condition resolve(Condition condition, long nowMillis) {
    return switch (condition) {
      case And and -> new And(and.operands().stream().map(c -> resolve(c, nowMillis)).toList());
      case Or or -> new Or(or.operands().stream().map(c -> resolve(c, nowMillis)).toList());
      case Not not -> new Not(resolve(not.operand(), nowMillis));
      case Comparison c -> new Comparison(c.column(), c.operator(), resolve(c.value(), nowMillis));
      case Range r ->
          new Range(r.column(), resolve(r.lower(), nowMillis), resolve(r.upper(), nowMillis));
      case Like like -> like;
      case NullCheck check -> check;
    };
  }

  private static Literal resolve(Literal literal, long nowMillis) {
    return literal instanceof NowLiteral now ? new LongLiteral(now.resolve(nowMillis)) : literal;
  }
}
