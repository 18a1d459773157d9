package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;
import io.nsdb.sql.tree.TagGroupBy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which columns a select's rows are shown with, and each row's values. Every answer row has NSDb's
 * shape ({@code timestamp}, {@code value}, {@code dimensions}, {@code tags}; docs/sql.md), whatever
 * the select; the shell shows what the select asked for:
 *
 * <ul>
 *   <li>a plain select: {@code timestamp}, {@code value}, then the listed columns (for {@code *},
 *       every dimension and tag, sorted by name);
 *   <li>{@code DISTINCT c}: {@code c};
 *   <li>aggregations: the group (the bucket's {@code timestamp} for {@code GROUP BY INTERVAL}, the
 *       column for {@code GROUP BY c}), then each aggregation under its label, in select order.
 * </ul>
 */
final class RecordColumns {

  static final String TIMESTAMP = "timestamp";
  static final String VALUE = "value";

  private RecordColumns() {}

  /** The table of {@code records} (an answer's array) for {@code select}. */
  static ResultTable table(Select select, JsonNode records) {
    List<JsonNode> rows = new ArrayList<>();
    records.forEach(rows::add);
    List<String> columns = columns(select, starColumns(rows));
    return new ResultTable(columns, values(columns, rows));
  }

  /**
   * The columns of {@code select}; {@code starColumns} are the dimensions and tags {@code *} stands
   * for (from the rows, or from the metric's schema when the rows are yet to come).
   */
  static List<String> columns(Select select, Collection<String> starColumns) {
    Set<String> columns = new LinkedHashSet<>();
    if (select.isAggregate()) {
      select
          .groupBy()
          .ifPresent(
              groupBy -> {
                switch (groupBy) {
                  case IntervalGroupBy interval -> columns.add(TIMESTAMP);
                  case TagGroupBy tag -> columns.add(tag.tag().value());
                }
              });
      for (SelectItem item : select.items()) {
        switch (item) {
          case Aggregation aggregation -> columns.add(aggregation.label());
          case ColumnItem column -> columns.add(column.column().value());
          case AllColumns all -> {}
        }
      }
      return List.copyOf(columns);
    }
    if (select.distinct()) {
      for (SelectItem item : select.items()) {
        if (item instanceof ColumnItem column) {
          columns.add(column.column().value());
        }
      }
      return List.copyOf(columns);
    }
    columns.add(TIMESTAMP);
    columns.add(VALUE);
    for (SelectItem item : select.items()) {
      switch (item) {
        case AllColumns all -> columns.addAll(new TreeSet<>(starColumns));
        case ColumnItem column -> columns.add(column.column().value());
        case Aggregation aggregation -> columns.add(aggregation.label());
      }
    }
    return List.copyOf(columns);
  }

  /** Each record's value for each column; {@code null} where it has none. */
  static List<List<JsonNode>> values(List<String> columns, List<JsonNode> records) {
    List<List<JsonNode>> rows = new ArrayList<>(records.size());
    for (JsonNode record : records) {
      List<JsonNode> row = new ArrayList<>(columns.size());
      for (String column : columns) {
        row.add(value(record, column));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The dimension and tag names of {@code records}. */
  static Set<String> starColumns(List<JsonNode> records) {
    Set<String> names = new TreeSet<>();
    for (JsonNode record : records) {
      record.path("dimensions").fieldNames().forEachRemaining(names::add);
      record.path("tags").fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private static JsonNode value(JsonNode record, String column) {
    JsonNode found;
    if (column.equals(TIMESTAMP) || column.equals(VALUE)) {
      found = record.get(column);
    } else {
      found = record.path("tags").get(column);
      if (found == null) {
        found = record.path("dimensions").get(column);
      }
    }
    return found == null || found.isNull() ? null : found;
  }
}
