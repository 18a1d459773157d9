package io.nsdb.core.query;

import io.nsdb.core.model.Bit;
import java.util.List;

/**
 * A SELECT evaluated continuously: its answer when it was created ({@link #history}), then, bit by
 * bit, the records each newly inserted bit adds or changes. Created by {@link QueryEngine#live},
 * which computes the history and the state this query goes on from in one pass, so that the history
 * plus every record emitted since is always what {@link QueryEngine#execute} would answer now (see
 * the package documentation for the few, documented, differences).
 *
 * <p>The query does not evaluate the WHERE: its owner (the publisher) already matches each bit with
 * the compiled predicate, and passes on only the bits that satisfy it. That keeps one evaluator of
 * conditions ({@link io.nsdb.core.predicate.PredicateCompiler}) and lets identical subscriptions
 * share one match.
 *
 * <p>Not thread-safe: after creation one owner feeds it.
 */
public sealed interface LiveQuery permits LiveRows, LiveDistinct, LiveAggregation {

  /** The key of a global aggregate's only record: there is one group, so any fixed key serves. */
  String GLOBAL_KEY = "*";

  /**
   * The answer at creation: row for row what {@link QueryEngine#execute} returned or would return
   * at the same point, ORDER BY and LIMIT applied. Unmodifiable.
   */
  List<ResultRow> history();

  /**
   * Lets go of the history, which a subscription sends once and never needs again, while the query
   * goes on for as long as it is subscribed; {@link #history} is empty afterwards.
   */
  void releaseHistory();

  /**
   * Feeds one bit that satisfies the WHERE, conformed to the metric's schema ({@link
   * io.nsdb.core.schema.Schema#conformAll}), inserted when {@code now} read {@code nowMillis}.
   * Calls {@code out.emit} for every record it produces, before returning.
   *
   * @throws io.nsdb.core.NsdbException RESULT_TOO_LARGE when the bit would open a group or bucket
   *     beyond {@link QueryLimits#maxRows} (the state is left as it was, the bit is not counted),
   *     NUMERIC_OVERFLOW when a BIGINT sum no longer fits; either way the query's answer can no
   *     longer be given, as a one-off query would fail, and the owner should end the subscription
   *     with the error
   */
  void accept(Bit bit, long nowMillis, Emitter out);

  /**
   * Removes state that can no longer change: GROUP BY INTERVAL buckets past their grace period,
   * whose final row was already emitted (or is in the history). Called periodically by the owner,
   * so that memory stays bounded. A no-op for other queries.
   */
  default void expire(long nowMillis) {}

  /**
   * Bits ignored because their GROUP BY INTERVAL bucket was already closed (too late, outside
   * SINCE), over the life of the query. Always 0 for other queries.
   */
  default long lateIgnored() {
    return 0;
  }

  /**
   * True when every record is keyed (aggregations): a later record with the same key supersedes an
   * earlier one, so a client, or an outbox that has to drop records, keeps only the latest per key.
   */
  boolean keyed();

  /**
   * True when a client can catch up by replaying the bits it missed through {@link #accept} (plain
   * non-DISTINCT selects: each record depends on its bit alone). False for DISTINCT and
   * aggregations, whose records depend on everything before: they resend the history instead.
   */
  boolean replayable();

  /** Where a live query's records go. */
  @FunctionalInterface
  interface Emitter {
    /**
     * One record. {@code key == null}: a new record to append. {@code key != null}: the latest
     * state of the group or bucket {@code key}: for GROUP BY a column the group's value (-0.0 read
     * as 0.0, as groups are), for GROUP BY INTERVAL the bucket start (a {@link Long}), for a global
     * aggregate {@link #GLOBAL_KEY}.
     */
    void emit(Object key, ResultRow record);
  }
}
