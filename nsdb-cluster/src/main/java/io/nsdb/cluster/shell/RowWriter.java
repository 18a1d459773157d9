package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes rows in one of the session's formats, as they come: a query's rows at once, a
 * subscription's history and then each live frame. The header is written once, from the first rows
 * seen (a table sizes its columns on them).
 */
interface RowWriter {

  /** Writes the header; {@code firstRows} are the rows about to be written, if any are known. */
  void start(List<String> columns, List<List<JsonNode>> firstRows);

  void rows(List<List<JsonNode>> rows);

  /** The writer of {@code format} onto {@code out}. */
  static RowWriter of(Session.Format format, PrintWriter out, boolean epoch) {
    return switch (format) {
      case TABLE -> new TableWriter(out, epoch);
      case CSV -> new CsvWriter(out, epoch);
      case JSON -> new JsonRowWriter(out);
    };
  }

  /** Writes a whole table. */
  static void write(RowWriter writer, ResultTable table) {
    writer.start(table.columns(), table.rows());
    writer.rows(table.rows());
  }
}
