package io.nsdb.ws.http;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an error becomes an answer, for every route: {@code {"code", "message",
 * "line"?, "column"?, ...}} with the status its code implies. Bad input is a 4xx with the code a
 * client branches on; only our own bugs are 500s (logged with their stack trace).
 */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /**
   * An error as every protocol reports it: the HTTP status its code implies, the stable code, the
   * message, the SQL position when there is one, and extra details (e.g. rejected lines).
   */
  public record Problem(
      int status,
      String code,
      String message,
      SourcePosition position,
      Map<String, Object> details) {
    /**
     * The fields of the error JSON, in order: code, message, line and column when known, details.
     */
    public Map<String, Object> fields() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("code", code);
      body.put("message", message);
      if (position != null && !position.equals(SourcePosition.UNKNOWN)) {
        body.put("line", position.line());
        body.put("column", position.column());
      }
      body.putAll(details);
      return body;
    }
  }

  public static HttpResponse of(Throwable error) {
    Problem problem = problem(error);
    return JsonResponses.json(problem.status(), problem.fields());
  }

  /** What {@code error} tells a client; our own bugs are logged with their stack trace here. */
  public static Problem problem(Throwable error) {
    Throwable cause = unwrap(error);
    return switch (cause) {
      case ApiException e ->
          new Problem(e.status(), e.code().name(), e.getMessage(), null, e.details());
      case SqlParseException e ->
          new Problem(400, e.code().name(), e.getMessage(), e.position(), Map.of());
      case NsdbException e -> {
        int status = status(e.code());
        if (status == 500) {
          LOG.error("storage failure", e);
        }
        yield new Problem(status, e.code().name(), e.getMessage(), e.position(), Map.of());
      }
      case EntityStreamSizeException e -> tooLargeProblem(e.limit());
      case IllegalRequestException e -> {
        // Pekko's own verdict on a request it cannot read (e.g. a corrupt gzip body, a body that
        // stopped arriving before nsdb.http.request-timeout): a 4xx.
        int status = e.status().intValue();
        ApiErrorCode code =
            switch (status) {
              case 413 -> ApiErrorCode.BODY_TOO_LARGE;
              case 408 -> ApiErrorCode.REQUEST_TIMEOUT;
              default -> ApiErrorCode.INVALID_REQUEST;
            };
        yield new Problem(status, code.name(), e.getMessage(), null, Map.of());
      }
      default -> {
        LOG.error("unexpected error answering a request", cause);
        yield new Problem(
            500,
            ApiErrorCode.INTERNAL_ERROR.name(),
            "internal error, the server log has the details [error="
                + cause.getClass().getSimpleName()
                + "]",
            null,
            Map.of());
      }
    };
  }

  public static HttpResponse of(int status, ApiErrorCode code, String message) {
    return JsonResponses.json(
        status, new Problem(status, code.name(), message, null, Map.of()).fields());
  }

  public static HttpResponse tooLarge(long limit) {
    Problem problem = tooLargeProblem(limit);
    return JsonResponses.json(problem.status(), problem.fields());
  }

  private static Problem tooLargeProblem(long limit) {
    return new Problem(
        413,
        ApiErrorCode.BODY_TOO_LARGE.name(),
        "the request body is larger than the server accepts [limitBytes="
            + limit
            + ", setting=nsdb.http.max-body-size]",
        null,
        Map.of());
  }

  /** The status of each engine error: what the client got wrong, or what the server cannot do. */
  static int status(ErrorCode code) {
    return switch (code) {
      case UNKNOWN_METRIC, UNKNOWN_NAMESPACE -> 404;
      case METRIC_INFO_ALREADY_SET -> 409;
      case SCHEMA_CONFLICT,
          INVALID_METRIC_INFO,
          OUTSIDE_RETENTION,
          UNKNOWN_COLUMN,
          TYPE_MISMATCH,
          INVALID_GROUP_BY,
          INVALID_ORDER_BY,
          INVALID_DISTINCT,
          RESULT_TOO_LARGE,
          NUMERIC_OVERFLOW,
          INVALID_BIT ->
          400;
      case QUERY_TIMEOUT, QUERY_CANCELLED, CLOSED -> 503;
      case RESUME_UNAVAILABLE -> 410;
      case STREAM_INVALIDATED -> 409;
      case CORRUPT_DATA, STORAGE_FAILURE -> 500;
    };
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
