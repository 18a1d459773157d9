package io.nsdb.ws.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error found by the HTTP layer, with the status it is answered with. {@code details} are extra
 * JSON fields of the answer (the failing lines of a line-protocol batch, for instance).
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final ApiErrorCode code;
  private final transient Map<String, Object> details;

  public ApiException(int status, ApiErrorCode code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(int status, ApiErrorCode code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.details = Map.copyOf(details);
  }

  public static ApiException badRequest(ApiErrorCode code, String message) {
    return new ApiException(400, code, message);
  }

  /** A 400 INVALID_REQUEST naming the offending field. */
  public static ApiException invalidField(String field, String problem) {
    return badRequest(ApiErrorCode.INVALID_REQUEST, problem + " [field=" + field + "]");
  }

  public static ApiException invalidLines(String message, List<?> lines) {
    return new ApiException(
        400, ApiErrorCode.INVALID_LINE_PROTOCOL, message, Map.of("errors", lines));
  }

  public int status() {
    return status;
  }

  public ApiErrorCode code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
