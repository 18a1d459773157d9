package io.nsdb.core;

import io.nsdb.sql.SourcePosition;
import java.util.Objects;

/**
 * An engine error with a stable {@link ErrorCode} and a message in the project's form: {@code what
 * happened [key=value, ...]}.
 */
public class NsdbException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final SourcePosition position;

  public NsdbException(ErrorCode code, String message) {
    this(code, SourcePosition.UNKNOWN, message, null);
  }

  public NsdbException(ErrorCode code, String message, Throwable cause) {
    this(code, SourcePosition.UNKNOWN, message, cause);
  }

  /**
   * An error about a place in a SQL statement: the message reads {@code line 1:23: reason}, and
   * {@link #position()} keeps the place for callers that show it their own way.
   */
  public NsdbException(ErrorCode code, SourcePosition position, String reason) {
    this(
        code,
        position,
        position.equals(SourcePosition.UNKNOWN) ? reason : position + ": " + reason,
        null);
  }

  private NsdbException(ErrorCode code, SourcePosition position, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.position = Objects.requireNonNull(position, "position");
  }

  public ErrorCode code() {
    return code;
  }

  /** Where in the statement the error is, or {@link SourcePosition#UNKNOWN}. */
  public SourcePosition position() {
    return position;
  }
}
