package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * RFC 4180: a header row, then one row per line; a cell with a comma, a quote, a line break or edge
 * spaces is quoted, quotes doubled. Timestamps follow {@code \timestamps}, as in a table.
 */
final class CsvWriter implements RowWriter {

  private final PrintWriter out;
  private final boolean epoch;
  private List<String> columns = List.of();

  CsvWriter(PrintWriter out, boolean epoch) {
    this.out = out;
    this.epoch = epoch;
  }

  @Override
  public void start(List<String> columns, List<List<JsonNode>> firstRows) {
    this.columns = List.copyOf(columns);
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      line.append(c == 0 ? "" : ",").append(cell(columns.get(c)));
    }
    out.println(line);
    out.flush();
  }

  @Override
  public void rows(List<List<JsonNode>> rows) {
    for (List<JsonNode> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(c == 0 ? "" : ",").append(cell(CellText.of(row.get(c), columns.get(c), epoch)));
      }
      out.println(line);
    }
    out.flush();
  }

  static String cell(String text) {
    boolean quote =
        text.contains(",")
            || text.contains("\"")
            || text.contains("\n")
            || text.contains("\r")
            || (!text.isEmpty()
                && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' '));
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
