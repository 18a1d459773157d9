package io.nsdb.core.query;

import java.time.Duration;

/**
 * Bounds on one query ({@code nsdb.query.*}): past {@code maxRows} result rows (or points held to
 * sort them) it fails with {@code RESULT_TOO_LARGE}, past {@code timeout} with {@code
 * QUERY_TIMEOUT}, instead of exhausting memory or a core.
 */
public record QueryLimits(int maxRows, Duration timeout) {

  public static final QueryLimits DEFAULTS = new QueryLimits(1_000_000, Duration.ofSeconds(30));

  public QueryLimits {
    if (maxRows < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("limits must be positive: " + maxRows + ", " + timeout);
    }
  }
}
