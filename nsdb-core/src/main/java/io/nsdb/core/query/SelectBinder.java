package io.nsdb.core.query;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.OrderBy;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;
import io.nsdb.sql.tree.TagGroupBy;

/**
 * Checks a SELECT against its metric's schema: every name must be a column, GROUP BY and DISTINCT
 * take a dimension or tag, ORDER BY of an aggregate result only what that result has. WHERE is
 * checked when it is compiled ({@link io.nsdb.core.predicate.PredicateCompiler}). Each error names
 * the column and says why, with the SQL position. Public because continuous queries are bound
 * exactly as one-off queries are ({@link io.nsdb.core.stream.CompiledQuery}).
 */
public final class SelectBinder {

  private SelectBinder() {}

  /**
   * Checks everything but the WHERE of {@code select} against {@code schema}.
   *
   * @throws NsdbException naming the offending column, with its position
   */
  public static void bind(Select select, Schema schema) {
    for (SelectItem item : select.items()) {
      switch (item) {
        case ColumnItem column -> requireColumn(column.column(), schema);
        case Aggregation aggregation ->
            aggregation.column().ifPresent(c -> requireColumn(c, schema));
        default -> {}
      }
    }
    if (select.distinct()) {
      Identifier column = ((ColumnItem) select.items().get(0)).column();
      if (!schema.columns().containsKey(column.value())) {
        throw new NsdbException(
            ErrorCode.INVALID_DISTINCT,
            column.position(),
            "DISTINCT takes a dimension or tag [metric="
                + schema.metric()
                + ", column="
                + column.value()
                + "]");
      }
    }
    if (select.groupBy().orElse(null) instanceof TagGroupBy tag
        && !schema.columns().containsKey(tag.tag().value())) {
      requireColumn(tag.tag(), schema);
      throw new NsdbException(
          ErrorCode.INVALID_GROUP_BY,
          tag.tag().position(),
          "GROUP BY takes a dimension or tag, or INTERVAL [metric="
              + schema.metric()
              + ", column="
              + tag.tag().value()
              + "]");
    }
    select.orderBy().ifPresent(order -> bindOrder(select, order, schema));
  }

  private static void bindOrder(Select select, OrderBy order, Schema schema) {
    Identifier column = order.column();
    requireColumn(column, schema);
    if (!select.isAggregate()) {
      if (select.distinct() && !column.equals(((ColumnItem) select.items().get(0)).column())) {
        throw invalidOrder(column, schema, "a DISTINCT result has only its column");
      }
      return;
    }
    boolean allowed =
        switch (select.groupBy().orElse(null)) {
          case TagGroupBy tag -> column.equals(tag.tag()) || column.value().equals("value");
          case IntervalGroupBy interval ->
              column.value().equals("timestamp") || column.value().equals("value");
          case null -> column.value().equals("value");
        };
    if (!allowed) {
      throw invalidOrder(
          column, schema, "an aggregate result is ordered by its group, timestamp or value");
    }
  }

  private static NsdbException invalidOrder(Identifier column, Schema schema, String why) {
    return new NsdbException(
        ErrorCode.INVALID_ORDER_BY,
        column.position(),
        "cannot order by this column: "
            + why
            + " [metric="
            + schema.metric()
            + ", column="
            + column.value()
            + "]");
  }

  static void requireColumn(Identifier column, Schema schema) {
    String name = column.value();
    if (name.equals("value") || name.equals("timestamp") || schema.columns().containsKey(name)) {
      return;
    }
    throw schema.unknownColumn(name, column.position());
  }
}
