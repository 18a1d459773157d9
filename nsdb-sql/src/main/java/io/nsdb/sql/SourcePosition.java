package io.nsdb.sql;

/**
 * Where something was written in a SQL text: a 1-based line and a 1-based column.
 *
 * <p>Positions describe the text, not the meaning, so tree nodes that carry one leave it out of
 * {@code equals} and {@code hashCode}: the same statement laid out differently parses to equal
 * trees.
 */
public record SourcePosition(int line, int column) {

  /** For nodes built by code rather than parsed from text. */
  public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

  public SourcePosition {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "position must not be negative [line=" + line + ", column=" + column + "]");
    }
  }

  /** {@code line 1:19}, the prefix of every SQL error message. */
  @Override
  public String toString() {
    return "line " + line + ":" + column;
  }
}
