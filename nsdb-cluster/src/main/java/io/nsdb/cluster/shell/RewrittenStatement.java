package io.nsdb.cluster.shell;

import io.nsdb.sql.SourcePosition;

/**
 * A statement the shell rewrote before sending it: {@code prefix} followed by the original text
 * from {@code anchor} on. An error the server reports in the rewritten text is moved back to the
 * same place in the original, so the caret lands under what the user typed.
 */
record RewrittenStatement(String text, String prefix, SourcePosition anchor) {

  /** {@code prefix} + {@code original} from {@code anchor} (1-based line and column) on. */
  static RewrittenStatement from(String original, SourcePosition anchor, String prefix) {
    return new RewrittenStatement(
        prefix + original.substring(offset(original, anchor)), prefix, anchor);
  }

  /** {@code error} with its position in the original text (unchanged when it names none). */
  ShellError placeInOriginal(ShellError error) {
    if (error.line() < 1) {
      return error;
    }
    if (error.line() == 1) {
      return error.at(anchor.line(), error.column() - prefix.length() + anchor.column() - 1);
    }
    return error.at(anchor.line() + error.line() - 1, error.column());
  }

  private static int offset(String text, SourcePosition position) {
    int offset = 0;
    for (int line = 1; line < position.line(); line++) {
      offset = text.indexOf('\n', offset) + 1;
    }
    return offset + position.column() - 1;
  }
}
