package io.nsdb.core.engine;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.util.List;

/**
 * Told of every accepted insert, the hand-off from the write path to the continuous-query
 * publisher.
 *
 * <p>{@link Storage#insert} calls it after the batch is in the commit log and the head and before
 * the insert is acknowledged, while it still holds the metric's write lock: for one metric, calls
 * come one at a time and in LSN order, and every acknowledged insert has been handed on. So the
 * call must be cheap and must not block (a {@code tell} to an actor is the intended body) and must
 * not call back into the storage. It should not throw; if it does, the insert is not undone (it is
 * already in the log and the head, readable and recovered on restart): the storage logs the failure
 * with the metric and the LSNs, counts it ({@link Storage#writeListenerFailures()}) and
 * acknowledges the insert.
 */
@FunctionalInterface
public interface WriteListener {

  /** The listener that does nothing; the storage's default. */
  WriteListener NONE = (metric, conformedBits, firstLsn) -> {};

  /**
   * An insert of {@code conformedBits} (as the schema conformed them, in batch order) into {@code
   * metric} was applied; the i-th bit has LSN {@code firstLsn + i}. The list is immutable.
   */
  void written(MetricKey metric, List<Bit> conformedBits, long firstLsn);

  /**
   * A delete with LSN {@code lsn} removed points of {@code metric}; called under the metric's write
   * lock, so in LSN order with its inserts. State computed from the metric's points (a live
   * aggregation) may no longer hold.
   */
  default void deleted(MetricKey metric, long lsn) {}

  /** {@code metric} was dropped by the write with LSN {@code lsn}; it may come back, remade. */
  default void dropped(MetricKey metric, long lsn) {}

  /**
   * Called after an insert was handed on ({@link #written}) and its metric's lock released, before
   * the insert is acknowledged: a listener that has fallen too far behind holds the writer here, so
   * that ingestion slows to its pace rather than its backlog growing without bound. Returns at once
   * by default.
   */
  default void awaitCaughtUp() {}
}
