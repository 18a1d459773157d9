package io.nsdb.core.predicate;

import io.nsdb.core.head.SeriesKey;

/**
 * A compiled condition over one point whose {@code now} is read at each evaluation: a continuous
 * query is compiled once and lives across many clock readings. Thread-safe and stateless.
 */
@FunctionalInterface
public interface ClockedPredicate {

  /**
   * @param value the point's value as raw long bits: the long, or the double's bits for a DECIMAL
   *     metric
   * @param nowMillis what {@code now} means for this evaluation, in epoch milliseconds
   */
  Truth evaluate(SeriesKey series, long timestamp, long value, long nowMillis);
}
