package io.nsdb.ws.http;

/**
 * Codes of the errors that only the HTTP layer can detect (the request itself is wrong, or the
 * server cannot take it now). Together with the engine's {@code io.nsdb.core.ErrorCode} and the
 * parser's {@code io.nsdb.sql.SqlErrorCode} they form the one list of codes a client branches on;
 * {@code docs/http.md} lists them all with their status.
 */
public enum ApiErrorCode {
  /** A body that is not JSON at all: {@code {"db": }. 400. */
  MALFORMED_JSON,
  /** JSON of the wrong shape: a missing field, a string where a number belongs. 400. */
  INVALID_REQUEST,
  /** A query or validate request whose statement is not a SELECT. 400. */
  NOT_A_SELECT,
  /** A {@code /delete} request whose statement is not a DELETE. 400. */
  NOT_A_DELETE,
  /**
   * A query or delete request whose {@code metric} field names another metric than the statement's
   * FROM. 400.
   */
  METRIC_MISMATCH,
  /** A REST filter with an unknown operator or a value of the wrong kind. 400. */
  INVALID_FILTER,
  /** Line-protocol lines that cannot be read; the answer lists each line and why. 400. */
  INVALID_LINE_PROTOCOL,
  /** A database the server does not know. 404. */
  UNKNOWN_DATABASE,
  /** A path no route serves. 404. */
  NOT_FOUND,
  /** A path served, with another method. 405. */
  METHOD_NOT_ALLOWED,
  /** A body over {@code nsdb.http.max-body-size}. 413. */
  BODY_TOO_LARGE,
  /** A body whose Content-Type the route does not read, e.g. form data sent to /data. 415. */
  UNSUPPORTED_MEDIA_TYPE,
  /** Every worker busy and the queue full: retry later. 503. */
  OVERLOADED,
  /**
   * The request took longer than {@code nsdb.http.request-timeout}: 503 while the server worked on
   * it, 408 when its body stopped arriving.
   */
  REQUEST_TIMEOUT,
  /**
   * A stream message about a subscription this connection does not have: {@code unsubscribe} of an
   * unknown quid. Sent as a WebSocket error message; the socket stays open.
   */
  UNKNOWN_SUBSCRIPTION,
  /** A stream message of an unknown {@code type}. The socket stays open. */
  UNKNOWN_MESSAGE_TYPE,
  /** A {@code /ws-stream} or {@code /stream} over {@code nsdb.websocket.max-connections}. 503. */
  TOO_MANY_CONNECTIONS,
  /** A bug of ours; the log has the stack trace. 500. */
  INTERNAL_ERROR
}
