package io.nsdb.cluster.shell;

import io.nsdb.sql.SqlParseException;

/**
 * Shows an error the way a person reads it: for one that names a place in a statement (a parse
 * error, or a server error with a line and column), that line with a caret under the column, then
 * the code and message; otherwise the code and message alone.
 */
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
    return render(text, e.code().name(), e.line(), e.column(), e.getMessage());
  }

  /**
   * An error of {@code code} at {@code line:column} of {@code text} (both 1-based; 0 when it names
   * no place); {@code message} is the whole message, position included when it has one.
   */
  static String render(String text, String code, int line, int column, String message) {
    String[] lines = text.split("\n", -1);
    StringBuilder shown = new StringBuilder();
    if (line >= 1 && line <= lines.length && column >= 1) {
      String shownLine = lines[line - 1];
      shown.append(shownLine).append('\n');
      // Tabs stay tabs so the caret lines up under them whatever the terminal's tab width.
      for (int i = 0; i < column - 1 && i < shownLine.length(); i++) {
        shown.append(shownLine.charAt(i) == '\t' ? '\t' : ' ');
      }
      shown.append("^\n");
      return shown
          .append("error ")
          .append(code)
          .append(" at ")
          .append(message)
          .append('\n')
          .toString();
    }
    return shown.append("error ").append(code).append(": ").append(message).append('\n').toString();
  }
}
