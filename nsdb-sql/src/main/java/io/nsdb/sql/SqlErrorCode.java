package io.nsdb.sql;

/**
 * The stable codes of SQL errors. Callers (HTTP, WebSocket, shell) branch on these, never on the
 * message text. Each code names an example statement that produces it.
 */
public enum SqlErrorCode {
  /** The text is not a statement of the dialect: {@code select * form cpu}. */
  SYNTAX_ERROR,
  /** A quote is opened and never closed: {@code select * from cpu where host = 'a}. */
  UNTERMINATED_STRING,
  /** A block comment opened and never closed: {@code select * from cpu /* note}. */
  UNTERMINATED_COMMENT,
  /** A character the dialect has no use for: {@code select * from cpu where host # 1}. */
  UNEXPECTED_CHARACTER,
  /** Parentheses or NOTs nested past the configured limit (64 by default). */
  NESTING_TOO_DEEP,
  /** A time unit that is not one of ms, s, m, h, d, w and their long forms: {@code now - 3y}. */
  INVALID_TIME_UNIT,
  /** A non-positive interval or grace period: {@code group by interval 0s}. */
  INVALID_INTERVAL,
  /** A number that does not fit: {@code limit 99999999999999999999}. */
  NUMBER_OUT_OF_RANGE,
  /** A LIMIT below one: {@code select * from cpu limit 0}. */
  INVALID_LIMIT,
  /** A GROUP BY select without an aggregation: {@code select host from cpu group by host}. */
  AGGREGATION_REQUIRED,
  /**
   * A GROUP BY select naming a column it does not group by: {@code select region, count(*) from cpu
   * group by host}.
   */
  COLUMN_NOT_GROUPED,
  /**
   * Plain columns next to aggregations without GROUP BY: {@code select host, count(*) from cpu}.
   */
  MIXED_AGGREGATION_AND_COLUMNS,
  /** first or last without GROUP BY: {@code select first(value) from cpu}. */
  FIRST_LAST_WITHOUT_GROUP_BY,
  /** sum, min, max, avg, first or last over a column other than value: {@code sum(host)}. */
  INVALID_AGGREGATION_ARGUMENT,
  /** DISTINCT over anything but one plain column: {@code select distinct host, region from cpu}. */
  INVALID_DISTINCT,
  /** SINCE without GROUP BY INTERVAL: {@code select count(*) from cpu group by host since 1h}. */
  SINCE_WITHOUT_INTERVAL,
  /** The same select item twice: {@code select count(*), count(*) from cpu}. */
  DUPLICATE_SELECT_ITEM,
  /** A string compared by order: {@code where host > 'a'}. */
  STRING_ORDER_COMPARISON,
  /** A LIKE pattern with a bad escape: {@code where host like 'a\x'}. */
  INVALID_LIKE_PATTERN,
  /** An IN range whose lower bound is above its upper bound: {@code where value in (5, 1)}. */
  EMPTY_RANGE,
  /** A column given twice in an INSERT: {@code dim(host = a) tags(host = b)}. */
  DUPLICATE_COLUMN,
  /** A dimension or tag named like a built-in column: {@code dim(timestamp = 1)}. */
  RESERVED_COLUMN_NAME
}
