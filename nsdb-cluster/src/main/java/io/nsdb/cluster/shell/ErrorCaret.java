package io.nsdb.cluster.shell;

import io.nsdb.sql.SqlParseException;

/** Shows a parse error the way a person reads it: the line, a caret under the column, the code. */
final class ErrorCaret {

  private ErrorCaret() {}

  /**
   * For {@code select * form cpu}:
   *
   * <pre>
   * select * form cpu
   *          ^
   * error SYNTAX_ERROR at line 1:10: mismatched input 'form'. Expecting: 'FROM'
   * </pre>
   */
  static String render(String text, SqlParseException e) {
    String[] lines = text.split("\n", -1);
    StringBuilder shown = new StringBuilder();
    if (e.line() >= 1 && e.line() <= lines.length) {
      String line = lines[e.line() - 1];
      shown.append(line).append('\n');
      // Tabs stay tabs so the caret lines up under them whatever the terminal's tab width.
      for (int i = 0; i < e.column() - 1 && i < line.length(); i++) {
        shown.append(line.charAt(i) == '\t' ? '\t' : ' ');
      }
      shown.append("^\n");
    }
    return shown
        .append("error ")
        .append(e.code())
        .append(" at ")
        .append(e.getMessage())
        .append('\n')
        .toString();
  }
}
