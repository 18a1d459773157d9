package io.nsdb.sql;

import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.ColumnAssignment;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Describe;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.DropMetric;
import io.nsdb.sql.tree.GroupBy;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Insert;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Like;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;
import io.nsdb.sql.tree.Show;
import io.nsdb.sql.tree.SortDirection;
import io.nsdb.sql.tree.Statement;
import io.nsdb.sql.tree.StringLiteral;
import io.nsdb.sql.tree.TagGroupBy;
import io.nsdb.sql.tree.Use;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a tree back as canonical SQL: upper-case keywords, names as written, strings quoted,
 * durations in their largest exact unit ({@code 2h}), and only the parentheses the tree needs.
 * Parsing the output gives back an equal tree. The shell, the logs and the subscription registry
 * (which shares one evaluation between identical queries) all use this one text.
 */
public final class SqlFormatter {

  private SqlFormatter() {}

  public static String format(Statement statement) {
    return switch (statement) {
      case Select select -> select(select);
      case Insert insert -> insert(insert);
      case Delete delete ->
          "DELETE FROM " + name(delete.metric()) + " WHERE " + condition(delete.where());
      case DropMetric drop -> "DROP METRIC " + name(drop.metric());
      case Show show -> "SHOW " + show.target().name();
      case Describe describe -> "DESCRIBE " + name(describe.metric());
      case Use use ->
          "USE " + use.database().map(db -> name(db) + ".").orElse("") + name(use.namespace());
    };
  }

  private static String select(Select select) {
    StringBuilder sql = new StringBuilder("SELECT ");
    if (select.distinct()) {
      sql.append("DISTINCT ");
    }
    sql.append(
        select.items().stream().map(SqlFormatter::selectItem).collect(Collectors.joining(", ")));
    sql.append(" FROM ").append(name(select.metric()));
    select.where().ifPresent(where -> sql.append(" WHERE ").append(condition(where)));
    select.groupBy().ifPresent(groupBy -> sql.append(" GROUP BY ").append(groupBy(groupBy)));
    select
        .orderBy()
        .ifPresent(
            orderBy ->
                sql.append(" ORDER BY ")
                    .append(name(orderBy.column()))
                    .append(orderBy.direction() == SortDirection.DESC ? " DESC" : ""));
    select.since().ifPresent(since -> sql.append(" SINCE ").append(TimeUnitSyntax.format(since)));
    select.limit().ifPresent(limit -> sql.append(" LIMIT ").append(limit));
    return sql.toString();
  }

  private static String selectItem(SelectItem item) {
    return switch (item) {
      case AllColumns all -> "*";
      case ColumnItem column -> name(column.column());
      case Aggregation aggregation -> aggregation.label();
    };
  }

  private static String groupBy(GroupBy groupBy) {
    return switch (groupBy) {
      case TagGroupBy tag -> name(tag.tag());
      case IntervalGroupBy interval -> "INTERVAL " + TimeUnitSyntax.format(interval.interval());
    };
  }

  private static String insert(Insert insert) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(name(insert.metric()));
    insert.timestamp().ifPresent(ts -> sql.append(" TS = ").append(ts));
    if (!insert.dimensions().isEmpty()) {
      sql.append(" DIM (").append(assignments(insert.dimensions())).append(')');
    }
    if (!insert.tags().isEmpty()) {
      sql.append(" TAGS (").append(assignments(insert.tags())).append(')');
    }
    return sql.append(" VAL = ").append(literal(insert.value())).toString();
  }

  private static String assignments(List<ColumnAssignment> assignments) {
    return assignments.stream()
        .map(a -> name(a.column()) + " = " + literal(a.value()))
        .collect(Collectors.joining(", "));
  }

  /** A condition; an operand is parenthesised only when the tree would change without it. */
  public static String condition(Condition condition) {
    return switch (condition) {
      case And and ->
          join(and.operands(), " AND ", operand -> operand instanceof And || operand instanceof Or);
      case Or or -> join(or.operands(), " OR ", operand -> operand instanceof Or);
      case Not not ->
          "NOT "
              + (not.operand() instanceof And || not.operand() instanceof Or
                  ? "(" + condition(not.operand()) + ")"
                  : condition(not.operand()));
      case Comparison c ->
          name(c.column()) + " " + c.operator().symbol() + " " + literal(c.value());
      case Like like -> name(like.column()) + " LIKE " + quote(like.pattern().pattern());
      case Range range ->
          name(range.column())
              + " IN ("
              + literal(range.lower())
              + ", "
              + literal(range.upper())
              + ")";
      case NullCheck check ->
          name(check.column()) + (check.negated() ? " IS NOT NULL" : " IS NULL");
    };
  }

  private static String join(
      List<Condition> operands,
      String operator,
      java.util.function.Predicate<Condition> needsParens) {
    return operands.stream()
        .map(o -> needsParens.test(o) ? "(" + condition(o) + ")" : condition(o))
        .collect(Collectors.joining(operator));
  }

  public static String literal(Literal literal) {
    return switch (literal) {
      case LongLiteral l -> Long.toString(l.value());
      case DoubleLiteral d -> decimal(d.value());
      case StringLiteral s -> quote(s.value());
      case NowLiteral now ->
          now.offset().isZero()
              ? "NOW"
              : "NOW "
                  + (now.offset().isNegative() ? "- " : "+ ")
                  + TimeUnitSyntax.format(now.offset());
    };
  }

  /**
   * A decimal as a person writes it ({@code 123456789.123}, not {@code 1.23456789123E8}) where that
   * stays short; very large and very small magnitudes keep the exponent.
   */
  static String decimal(double value) {
    double magnitude = Math.abs(value);
    if (magnitude == 0 || magnitude < 1e-4 || magnitude >= 1e15) {
      return Double.toString(value);
    }
    String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String name(Identifier identifier) {
    return identifier.value();
  }
}
