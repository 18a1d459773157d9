package io.nsdb.cluster.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180) into cells, remembering which were quoted: a quoted cell is text
 * even when it looks like a number, the way to import {@code "8"} as a string.
 */
final class CsvCells {

  private CsvCells() {}

  /** One cell: its text (quotes undone) and whether it was quoted. */
  record Cell(String text, boolean quoted) {}

  /** The cells of {@code line}; throws {@link IllegalArgumentException} on a broken quote. */
  static List<Cell> split(String line) {
    List<Cell> cells = new ArrayList<>();
    int i = 0;
    while (true) {
      if (i < line.length() && line.charAt(i) == '"') {
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= line.length()) {
            throw new IllegalArgumentException(
                "a quote opened at column " + (i + 1) + " is never closed");
          }
          char c = line.charAt(j);
          if (c == '"' && j + 1 < line.length() && line.charAt(j + 1) == '"') {
            text.append('"');
            j += 2;
          } else if (c == '"') {
            j++;
            break;
          } else {
            text.append(c);
            j++;
          }
        }
        if (j < line.length() && line.charAt(j) != ',') {
          throw new IllegalArgumentException(
              "text after a closing quote at column " + (j + 1) + ", expected ','");
        }
        cells.add(new Cell(text.toString(), true));
        i = j;
      } else {
        int end = line.indexOf(',', i);
        int stop = end < 0 ? line.length() : end;
        cells.add(new Cell(line.substring(i, stop), false));
        i = stop;
      }
      if (i >= line.length()) {
        return cells;
      }
      i++; // the comma
      if (i == line.length()) {
        cells.add(new Cell("", false));
        return cells;
      }
    }
  }
}
