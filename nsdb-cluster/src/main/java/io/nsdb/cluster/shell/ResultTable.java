package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows to show: column names and, per row, one JSON value per column ({@code null} where the row
 * has no such column). Values stay JSON so numbers are shown exactly as the server wrote them.
 */
record ResultTable(List<String> columns, List<List<JsonNode>> rows) {

  ResultTable {
    columns = List.copyOf(columns);
    List<List<JsonNode>> copied = new ArrayList<>(rows.size());
    for (List<JsonNode> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + columns.size() + " columns");
      }
      // List.copyOf refuses nulls, and null is how a missing value is held.
      copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copied);
  }

  /** A one-column table of names: {@code SHOW METRICS} and the like. */
  static ResultTable ofNames(String column, List<String> names) {
    List<List<JsonNode>> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(List.of(ServerClient.JSON.getNodeFactory().textNode(name)));
    }
    return new ResultTable(List.of(column), rows);
  }
}
