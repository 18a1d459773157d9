package io.nsdb.core.query;

import java.util.List;

/** The rows a SELECT returns, in order. */
public record QueryResult(List<ResultRow> rows) {

  public QueryResult {
    rows = List.copyOf(rows);
  }
}
