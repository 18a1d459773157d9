package io.nsdb.sql.parser;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.TimeUnitSyntax;
import io.nsdb.sql.tree.AggregateFunction;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.ColumnAssignment;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Insert;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Like;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.NumericLiteral;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;
import io.nsdb.sql.tree.Statement;
import io.nsdb.sql.tree.StringLiteral;
import io.nsdb.sql.tree.TagGroupBy;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a statement must pass before any schema is consulted. NSDb's own validation list was
 * the checklist; each failure has its own {@link SqlErrorCode} and names what is wrong.
 */
final class StatementValidator {

  /** Columns every metric has; a dimension or tag may not take their names. */
  static final Set<String> BUILT_IN_COLUMNS = Set.of("timestamp", "value");

  private StatementValidator() {}

  static void validate(Statement statement) {
    switch (statement) {
      case Select select -> validateSelect(select);
      case Insert insert -> validateInsert(insert);
      case Delete delete -> validateCondition(delete.where());
      default -> {}
    }
  }

  private static void validateSelect(Select select) {
    validateItems(select);
    if (select.distinct()) {
      validateDistinct(select);
    }
    select.groupBy().ifPresent(groupBy -> validateGroupBy(select));
    if (select.groupBy().isEmpty()) {
      validateUngroupedAggregations(select);
    }
    select.where().ifPresent(StatementValidator::validateCondition);
  }

  private static void validateItems(Select select) {
    Set<SelectItem> seen = new HashSet<>();
    for (SelectItem item : select.items()) {
      if (!seen.add(item)) {
        throw error(
            SqlErrorCode.DUPLICATE_SELECT_ITEM,
            positionOf(item, select),
            "select item appears twice [item=" + describe(item) + "]");
      }
      if (item instanceof Aggregation aggregation) {
        validateAggregationArgument(aggregation);
      }
    }
  }

  /** sum, min, max, avg, first and last aggregate the value; count takes any column or *. */
  private static void validateAggregationArgument(Aggregation aggregation) {
    if (aggregation.function() == AggregateFunction.COUNT) {
      return;
    }
    aggregation
        .column()
        .filter(column -> !column.value().equals(AstBuilder.VALUE))
        .ifPresent(
            column -> {
              throw error(
                  SqlErrorCode.INVALID_AGGREGATION_ARGUMENT,
                  column.position(),
                  aggregation.function().sqlName()
                      + " aggregates the value of a metric, not a column: write "
                      + aggregation.function().sqlName()
                      + "(value) or count("
                      + column.value()
                      + ") [function="
                      + aggregation.function().sqlName()
                      + ", column="
                      + column.value()
                      + "]");
            });
  }

  private static void validateDistinct(Select select) {
    if (select.items().size() != 1 || !(select.items().get(0) instanceof ColumnItem)) {
      throw error(
          SqlErrorCode.INVALID_DISTINCT,
          positionOf(select.items().get(0), select),
          "DISTINCT takes exactly one plain column [items=" + describeAll(select.items()) + "]");
    }
  }

  private static void validateGroupBy(Select select) {
    if (!select.isAggregate()) {
      throw error(
          SqlErrorCode.AGGREGATION_REQUIRED,
          positionOf(select.items().get(0), select),
          "a GROUP BY select must aggregate, e.g. count(*) or avg(value) [items="
              + describeAll(select.items())
              + "]");
    }
    for (SelectItem item : select.items()) {
      if (item instanceof ColumnItem column
          && !(select.groupBy().get() instanceof TagGroupBy tag
              && tag.tag().equals(column.column()))) {
        throw error(
            SqlErrorCode.COLUMN_NOT_GROUPED,
            column.column().position(),
            "column is neither aggregated nor the GROUP BY column [column="
                + column.column().value()
                + ", groupBy="
                + describeGroupBy(select)
                + "]");
      }
    }
  }

  private static void validateUngroupedAggregations(Select select) {
    if (!select.isAggregate()) {
      return;
    }
    for (SelectItem item : select.items()) {
      if (item instanceof ColumnItem column) {
        throw error(
            SqlErrorCode.MIXED_AGGREGATION_AND_COLUMNS,
            column.column().position(),
            "column selected next to aggregations without GROUP BY [column="
                + column.column().value()
                + "]");
      }
    }
    for (Aggregation aggregation : select.aggregations()) {
      if (aggregation.function() == AggregateFunction.FIRST
          || aggregation.function() == AggregateFunction.LAST) {
        throw error(
            SqlErrorCode.FIRST_LAST_WITHOUT_GROUP_BY,
            aggregation.position(),
            aggregation.label() + " needs GROUP BY <tag> or GROUP BY INTERVAL");
      }
    }
  }

  private static void validateCondition(Condition condition) {
    switch (condition) {
      case And and -> and.operands().forEach(StatementValidator::validateCondition);
      case Or or -> or.operands().forEach(StatementValidator::validateCondition);
      case Not not -> validateCondition(not.operand());
      case Comparison comparison -> validateComparison(comparison);
      case Range range -> validateRange(range);
      case Like like -> {}
      case NullCheck nullCheck -> {}
    }
  }

  private static void validateComparison(Comparison comparison) {
    if (comparison.operator().isOrdering() && comparison.value() instanceof StringLiteral string) {
      throw error(
          SqlErrorCode.STRING_ORDER_COMPARISON,
          comparison.column().position(),
          "strings compare only with =, <> and LIKE [column="
              + comparison.column().value()
              + ", operator="
              + comparison.operator().symbol()
              + ", value='"
              + string.value()
              + "']");
    }
  }

  private static void validateRange(Range range) {
    boolean empty =
        switch (range.lower()) {
          case LongLiteral lower when range.upper() instanceof LongLiteral upper ->
              lower.value() > upper.value();
          case NumericLiteral lower when range.upper() instanceof NumericLiteral upper ->
              lower.doubleValue() > upper.doubleValue();
          case NowLiteral lower when range.upper() instanceof NowLiteral upper ->
              lower.offset().compareTo(upper.offset()) > 0;
          default -> false;
        };
    if (empty) {
      throw error(
          SqlErrorCode.EMPTY_RANGE,
          range.column().position(),
          "IN range is empty: its lower bound is above its upper bound [column="
              + range.column().value()
              + "]");
    }
  }

  private static void validateInsert(Insert insert) {
    Set<String> seen = new HashSet<>();
    for (List<ColumnAssignment> group : List.of(insert.dimensions(), insert.tags())) {
      for (ColumnAssignment assignment : group) {
        Identifier column = assignment.column();
        if (BUILT_IN_COLUMNS.contains(column.value().toLowerCase(Locale.ROOT))) {
          throw error(
              SqlErrorCode.RESERVED_COLUMN_NAME,
              column.position(),
              "a dimension or tag cannot be named timestamp or value, the built-in columns"
                  + " [column="
                  + column.value()
                  + "]");
        }
        if (!seen.add(column.value())) {
          throw error(
              SqlErrorCode.DUPLICATE_COLUMN,
              column.position(),
              "column given twice in INSERT [column=" + column.value() + "]");
        }
      }
    }
  }

  private static SourcePosition positionOf(SelectItem item, Select select) {
    return switch (item) {
      case ColumnItem column -> column.column().position();
      case Aggregation aggregation -> aggregation.position();
      case AllColumns all -> all.position();
    };
  }

  private static String describe(SelectItem item) {
    return switch (item) {
      case AllColumns all -> "*";
      case ColumnItem column -> column.column().value();
      case Aggregation aggregation -> aggregation.label();
    };
  }

  private static String describeAll(List<SelectItem> items) {
    return String.join(", ", items.stream().map(StatementValidator::describe).toList());
  }

  private static String describeGroupBy(Select select) {
    return select
        .groupBy()
        .map(
            groupBy ->
                switch (groupBy) {
                  case TagGroupBy tag -> tag.tag().value();
                  case IntervalGroupBy interval ->
                      "INTERVAL " + TimeUnitSyntax.format(interval.interval());
                })
        .orElse("none");
  }

  private static SqlParseException error(SqlErrorCode code, SourcePosition at, String reason) {
    return new SqlParseException(code, at, reason);
  }
}
