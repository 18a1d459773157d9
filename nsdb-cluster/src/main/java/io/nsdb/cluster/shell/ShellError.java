package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement that failed, in the project's one error model: a stable code, a message reading
 * {@code what happened [key=value, ...]} and, for SQL, the line and column. The server's JSON
 * errors become one of these unchanged; the shell's own failures (the server unreachable, a
 * statement cancelled with Ctrl-C, a bad command) use the codes below.
 */
final class ShellError extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The server did not answer: not running, wrong host or port. */
  static final String UNREACHABLE = "UNREACHABLE";

  /** Ctrl-C stopped the statement before the server answered. */
  static final String CANCELLED = "CANCELLED";

  /** A shell command was written wrong, or a file given to it cannot be read. */
  static final String INVALID_COMMAND = "INVALID_COMMAND";

  private final String code;
  private final int status;
  private final int line;
  private final int column;
  private final transient List<JsonNode> details;

  ShellError(String code, String message) {
    this(code, message, 0, 0, 0, List.of());
  }

  private ShellError(
      String code, String message, int status, int line, int column, List<JsonNode> details) {
    super(message);
    this.code = code;
    this.status = status;
    this.line = line;
    this.column = column;
    this.details = List.copyOf(details);
  }

  /** The error a server answered with (its JSON body), or one naming the status when not JSON. */
  static ShellError fromResponse(int status, String body) {
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("code") && error.hasNonNull("message")) {
        List<JsonNode> details = new ArrayList<>();
        error.path("errors").forEach(details::add);
        return new ShellError(
            error.get("code").asText(),
            error.get("message").asText(),
            status,
            error.path("line").asInt(0),
            error.path("column").asInt(0),
            details);
      }
    } catch (IOException e) {
      // Not JSON: a proxy's page, say. The status and the text are all there is to show.
    }
    return new ShellError(
        "HTTP_" + status,
        "the server answered " + status + " [body=" + abbreviate(body) + "]",
        status,
        0,
        0,
        List.of());
  }

  static ShellError unreachable(URI server, Throwable cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ShellError(
        UNREACHABLE, "cannot reach the server [url=" + server + ", cause=" + why + "]");
  }

  static ShellError cancelled() {
    return new ShellError(
        CANCELLED, "cancelled with Ctrl-C; the shell did not wait for the answer");
  }

  /**
   * This error moved to {@code line:column}, its message's {@code line L:C: } prefix too: for an
   * error about a statement the shell rewrote before sending it (SUBSCRIBE).
   */
  ShellError at(int newLine, int newColumn) {
    String message = getMessage();
    String prefix = "line " + line + ":" + column + ": ";
    if (message.startsWith(prefix)) {
      message = "line " + newLine + ":" + newColumn + ": " + message.substring(prefix.length());
    }
    return new ShellError(code, message, status, newLine, newColumn, details);
  }

  String code() {
    return code;
  }

  /**
   * Whether the server refused the data itself (a 4xx answer: malformed, conflicting with the
   * schema, outside retention), as opposed to failing to take it (unreachable, overloaded, a server
   * fault): an import rejects such lines and goes on.
   */
  boolean refusedData() {
    return status >= 400 && status < 500 && status != 408 && status != 415;
  }

  /** 1-based line of the offending text in the statement, 0 when the error names no place. */
  int line() {
    return line;
  }

  int column() {
    return column;
  }

  /** The per-line errors of a rejected line-protocol batch ({@code {"line", "reason"}}). */
  List<JsonNode> details() {
    return details;
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
  }
}
