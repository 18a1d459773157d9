package io.nsdb.sql;

import java.util.List;
import java.util.Objects;

/**
 * The only exception the parser throws: a statement is not valid SQL of the dialect.
 *
 * <p>The message is API and reads {@code line 1:19: mismatched input 'form'. Expecting: 'FROM',
 * ','}: the position, what happened, and for syntax errors what the parser would have accepted.
 * {@link #reason()} is the same text without the position, for callers that show the position their
 * own way (the shell draws a caret under it).
 */
public final class SqlParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final SqlErrorCode code;
  private final SourcePosition position;
  private final String reason;
  private final List<String> expected;

  public SqlParseException(SqlErrorCode code, SourcePosition position, String reason) {
    this(code, position, reason, List.of());
  }

  public SqlParseException(
      SqlErrorCode code, SourcePosition position, String reason, List<String> expected) {
    super(position + ": " + reason);
    this.code = Objects.requireNonNull(code, "code");
    this.position = Objects.requireNonNull(position, "position");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.expected = List.copyOf(expected);
  }

  public SqlErrorCode code() {
    return code;
  }

  public SourcePosition position() {
    return position;
  }

  /** 1-based line of the offending text. */
  public int line() {
    return position.line();
  }

  /** 1-based column of the offending text. */
  public int column() {
    return position.column();
  }

  /** The message without its {@code line L:C: } prefix. */
  public String reason() {
    return reason;
  }

  /** For syntax errors, the tokens the parser would have accepted, as shown in the message. */
  public List<String> expected() {
    return expected;
  }
}
