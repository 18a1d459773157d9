package io.nsdb.core;

import java.util.Objects;

/**
 * An engine error with a stable {@link ErrorCode} and a message in the project's form: {@code what
 * happened [key=value, ...]}.
 */
public class NsdbException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public NsdbException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public NsdbException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
