package io.nsdb.core;

/**
 * Stable codes of the engine's errors. Callers branch on these, never on message text; the HTTP
 * layer maps each to a status. Each names an example.
 */
public enum ErrorCode {
  /** A bit whose column or value type differs from the metric's schema: host=1 after host='a'. */
  SCHEMA_CONFLICT,
  /** Shard interval or retention set after the metric's first write, or set twice differently. */
  METRIC_INFO_ALREADY_SET,
  /** A shard interval or retention that is not a positive whole number of milliseconds. */
  INVALID_METRIC_INFO,
  /** An insert older than the metric's retention window. */
  OUTSIDE_RETENTION,
  /** A metric that does not exist (HTTP 404). */
  UNKNOWN_METRIC,
  /** A database or namespace that does not exist (HTTP 404). */
  UNKNOWN_NAMESPACE,
  /** A statement naming a column the metric does not have: {@code where hots = 'a'}. */
  UNKNOWN_COLUMN,
  /** A statement comparing a column with a value of another type: {@code where host > 3}. */
  TYPE_MISMATCH,
  /** GROUP BY over something but a dimension or tag: {@code group by value}. */
  INVALID_GROUP_BY,
  /**
   * ORDER BY over a column an aggregate result does not have: {@code ... group by host order by
   * cores}.
   */
  INVALID_ORDER_BY,
  /** DISTINCT over something but a dimension or tag: {@code select distinct value from cpu}. */
  INVALID_DISTINCT,
  /** A query whose answer would exceed {@code nsdb.query.max-result-rows}. */
  RESULT_TOO_LARGE,
  /** A query that ran past {@code nsdb.query.timeout}. */
  QUERY_TIMEOUT,
  /** A query whose thread was interrupted: the client went away or cancelled it. */
  QUERY_CANCELLED,
  /** An exact BIGINT sum that does not fit 64 bits. */
  NUMERIC_OVERFLOW,
  /** A bit that is malformed on its own: bad name, non-finite value. */
  INVALID_BIT,
  /** A file of ours that fails its checks: wrong magic, version or checksum. */
  CORRUPT_DATA,
  /** The disk refused a read or write; the operation changed nothing that was acknowledged. */
  STORAGE_FAILURE,
  /** The engine is closed. */
  CLOSED,
  /**
   * A stream resume point the server no longer holds (older than its resume window) or never gave
   * (past the metric's last write): subscribe afresh for the history.
   */
  RESUME_UNAVAILABLE,
  /**
   * A live subscription ended because its metric changed under it: the metric was dropped, or
   * points a stateful query (aggregation, DISTINCT) had counted were deleted. Subscribe again for a
   * fresh history.
   */
  STREAM_INVALIDATED
}
