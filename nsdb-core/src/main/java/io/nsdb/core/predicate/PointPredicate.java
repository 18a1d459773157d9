package io.nsdb.core.predicate;

import io.nsdb.core.head.SeriesKey;

/** A compiled condition over one point. Thread-safe and stateless. */
@FunctionalInterface
public interface PointPredicate {

  /** Selects every point. */
  PointPredicate ALL = (series, timestamp, value) -> Truth.TRUE;

  /**
   * @param value the point's value as raw long bits: the long, or the double's bits for a DECIMAL
   *     metric
   */
  Truth evaluate(SeriesKey series, long timestamp, long value);

  default boolean test(SeriesKey series, long timestamp, long value) {
    return evaluate(series, timestamp, value) == Truth.TRUE;
  }
}
