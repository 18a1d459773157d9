package io.nsdb.cluster.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into statements at each {@code ;} that is not inside a quoted string or a comment
 * ({@code -- ...} or {@code /* ... *\/}), the dialect's lexical rules. Each statement keeps its own
 * text, so the positions the parser and the server report point into what the user typed.
 */
final class StatementSplitter {

  private StatementSplitter() {}

  /**
   * One statement: its text without the closing {@code ;}, and the line of the input it starts on
   * (1-based), to say where a failing statement of a script is.
   */
  record Piece(String text, int firstLine) {}

  /** The statements of {@code text}, the last one included even without its {@code ;}. */
  static List<Piece> split(String text) {
    Scan scan = scan(text);
    return scan.pieces;
  }

  /**
   * Whether {@code text} ends a statement: everything in it that is not blank or a comment is
   * followed by a {@code ;} (what the shell waits for before it runs what was typed).
   */
  static boolean isComplete(String text) {
    Scan scan = scan(text);
    return !scan.open && !scan.trailing;
  }

  private static final class Scan {
    final List<Piece> pieces = new ArrayList<>();

    /** A quote or a block comment is still open at the end. */
    boolean open;

    /** Text other than blanks and comments follows the last {@code ;}. */
    boolean trailing;
  }

  private static Scan scan(String text) {
    Scan scan = new Scan();
    int start = 0;
    int startLine = 1;
    int line = 1;
    boolean content = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        content = true;
        int end = closingQuote(text, i + 1);
        line += newlines(text, i, end < 0 ? text.length() : end);
        if (end < 0) {
          scan.open = true;
          i = text.length();
        } else {
          i = end + 1;
        }
      } else if (c == '-' && text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (c == '/' && text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        int stop = end < 0 ? text.length() : end + 2;
        line += newlines(text, i, stop);
        scan.open |= end < 0;
        i = stop;
      } else if (c == ';') {
        if (content) {
          scan.pieces.add(new Piece(text.substring(start, i), startLine));
        }
        content = false;
        i++;
        start = i;
        startLine = line;
      } else {
        if (c == '\n') {
          line++;
          if (!content) {
            startLine = line;
            start = i + 1;
          }
        } else if (!Character.isWhitespace(c)) {
          content = true;
        }
        i++;
      }
    }
    if (content) {
      scan.pieces.add(new Piece(text.substring(start), startLine));
      scan.trailing = true;
    }
    return scan;
  }

  /** The index of the quote closing a string opened before {@code from}, or -1. */
  private static int closingQuote(String text, int from) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == '\'') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }

  private static int newlines(String text, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
