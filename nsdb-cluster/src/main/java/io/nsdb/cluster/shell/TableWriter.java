package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns: a header, a rule of dashes, then the rows; numbers right-aligned, text left.
 * Each column is as wide as its widest cell among the header and the first rows; later rows (a
 * subscription's live frames) keep those widths, and a longer cell just pushes its line wider.
 */
final class TableWriter implements RowWriter {

  private static final String GAP = "  ";

  private final PrintWriter out;
  private final boolean epoch;
  private List<String> columns = List.of();
  private int[] widths = new int[0];

  TableWriter(PrintWriter out, boolean epoch) {
    this.out = out;
    this.epoch = epoch;
  }

  @Override
  public void start(List<String> columns, List<List<JsonNode>> firstRows) {
    this.columns = List.copyOf(columns);
    widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      for (List<JsonNode> row : firstRows) {
        widths[c] = Math.max(widths[c], CellText.of(row.get(c), columns.get(c), epoch).length());
      }
    }
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    line(this.columns, new boolean[columns.size()]);
    line(rule, new boolean[columns.size()]);
    out.flush();
  }

  @Override
  public void rows(List<List<JsonNode>> rows) {
    for (List<JsonNode> row : rows) {
      List<String> cells = new ArrayList<>(row.size());
      boolean[] right = new boolean[row.size()];
      for (int c = 0; c < row.size(); c++) {
        JsonNode value = row.get(c);
        cells.add(CellText.of(value, columns.get(c), epoch));
        right[c] = value != null && value.isNumber() && !isTimestamp(c);
      }
      line(cells, right);
    }
    out.flush();
  }

  private boolean isTimestamp(int column) {
    return !epoch && columns.get(column).equals(RecordColumns.TIMESTAMP);
  }

  private void line(List<String> cells, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(Math.max(0, widths[c] - cell.length()));
      if (c > 0) {
        line.append(GAP);
      }
      if (rightAligned[c]) {
        line.append(pad).append(cell);
      } else {
        line.append(cell).append(pad);
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
