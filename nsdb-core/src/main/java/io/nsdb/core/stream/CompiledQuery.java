package io.nsdb.core.stream;

import io.nsdb.core.NsdbException;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.predicate.ClockedPredicate;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.core.predicate.Truth;
import io.nsdb.core.query.SelectBinder;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.StringLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A subscription's SELECT, bound to its metric's schema and compiled once: the predicate a bit must
 * satisfy (time conditions included, {@code now} read at each evaluation) and the equality
 * conjuncts an index can file it under. Immutable and thread-safe.
 */
public final class CompiledQuery {

  private final Select select;
  private final ValueKind kind;
  private final ClockedPredicate predicate;
  private final List<Equality> equalities;

  private CompiledQuery(
      Select select, ValueKind kind, ClockedPredicate predicate, List<Equality> equalities) {
    this.select = select;
    this.kind = kind;
    this.predicate = predicate;
    this.equalities = equalities;
  }

  /**
   * Binds and compiles {@code select} against {@code schema}, with the checks and errors of a
   * one-off query.
   *
   * @throws NsdbException for an unknown column or a comparison across types, with its position
   */
  public static CompiledQuery compile(Select select, Schema schema) {
    Objects.requireNonNull(select, "select");
    Objects.requireNonNull(schema, "schema");
    SelectBinder.bind(select, schema);
    Condition where = select.where().orElse(null);
    ClockedPredicate predicate =
        where == null
            ? (s, t, v, n) -> Truth.TRUE
            : PredicateCompiler.compileClocked(where, schema);
    ValueKind kind = schema.valueType() == ColumnType.DECIMAL ? ValueKind.DOUBLE : ValueKind.LONG;
    return new CompiledQuery(select, kind, predicate, equalities(where));
  }

  /** The {@code column = literal} conditions every match satisfies, in written order. */
  private static List<Equality> equalities(Condition where) {
    List<Equality> found = new ArrayList<>();
    if (where != null) {
      collect(where, found);
    }
    return List.copyOf(found);
  }

  private static void collect(Condition condition, List<Equality> found) {
    if (condition instanceof And and) {
      for (Condition operand : and.operands()) {
        collect(operand, found);
      }
    } else if (condition instanceof Comparison c && c.operator() == ComparisonOperator.EQUAL) {
      // now moves, so an equality with it is no fixed key; the predicate still checks it.
      Object literal =
          switch (c.value()) {
            case StringLiteral s -> s.value();
            case LongLiteral l -> l.value();
            case DoubleLiteral d -> d.value();
            default -> null;
          };
      if (literal != null) {
        found.add(new Equality(c.column().value(), IndexKey.of(literal)));
      }
    }
  }

  public Select select() {
    return select;
  }

  /**
   * The top-level equality conjuncts, in written order: each is true of every bit this query
   * matches, so any one can file the query in an index. Empty when there is none.
   */
  public List<Equality> equalities() {
    return equalities;
  }

  /**
   * Whether {@code bit} satisfies the WHERE when {@code now} is {@code nowMillis}. A bit the
   * metric's schema would not accept (a DECIMAL value for a BIGINT metric, as after the metric was
   * dropped and remade) matches nothing.
   */
  public boolean matches(Bit bit, long nowMillis) {
    return matches(bit, new SeriesKey(bit.dimensions(), bit.tags()), nowMillis);
  }

  /** As {@link #matches(Bit, long)}, with the bit's series built once by the caller. */
  boolean matches(Bit bit, SeriesKey series, long nowMillis) {
    if (kind == ValueKind.LONG && !(bit.value() instanceof Long)) {
      // A bit of another incarnation of the metric (dropped, remade with DECIMAL values): not
      // this query's.
      return false;
    }
    // A DECIMAL metric accepts integer bits; its predicate reads double bits.
    return predicate.evaluate(series, bit.timestamp(), kind.raw(bit.value()), nowMillis)
        == Truth.TRUE;
  }

  @Override
  public String toString() {
    return "CompiledQuery[" + SqlFormatter.format(select) + "]";
  }
}
