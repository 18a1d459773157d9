/**
 * Continuous queries: which registered subscriptions an inserted bit satisfies, and how the matches
 * reach each subscriber.
 *
 * <h2>Matching (pure)</h2>
 *
 * A subscription's SELECT is compiled once ({@link io.nsdb.core.stream.CompiledQuery}) and filed in
 * its metric's index of subscriptions ({@link io.nsdb.core.stream.QueryIndex}). No actors, sockets
 * or clocks live there: the publisher owns one index per metric, passes each inserted bit with its
 * clock reading, and routes the matches.
 *
 * <p><b>Semantics.</b> A bit matches a query when the query's WHERE is true for it in SQL's
 * three-valued logic, exactly as the query engine would select the same point at the same {@code
 * now} ({@link io.nsdb.core.predicate}); the one evaluator is {@link
 * io.nsdb.core.predicate.PredicateCompiler}, never a second one. A query without WHERE matches
 * every bit of its metric.
 *
 * <p><b>Why an index.</b> NSDb built a one-document Lucene index per inserted bit per query; here a
 * bit costs one hash lookup per indexed column plus the full predicates of the queries filed under
 * the bit's values, plus the queries that have no equality to be filed under.
 *
 * <h2>Publishing</h2>
 *
 * <pre>
 * Storage.insert ──WriteListener (a tell)──▶ Publisher ──Frame──▶ subscriber (per socket)
 *                                               ▲      ◀─Acknowledge──┘
 * </pre>
 *
 * <ul>
 *   <li>{@link io.nsdb.core.engine.Storage#insert} hands each batch on after it is in the log and
 *       the head and before it is acknowledged, under the metric's write lock: per metric, the
 *       publisher's mailbox receives batches in LSN order, and every acknowledged write is in it.
 *   <li>{@link io.nsdb.core.stream.Publisher} (a thin actor) holds a {@link
 *       io.nsdb.core.stream.SubscriptionRegistry}: identical queries (db, namespace, SQL as {@link
 *       io.nsdb.sql.SqlFormatter} writes it) share one quid and one index entry; each subscriber of
 *       a quid has its own {@link io.nsdb.core.stream.SubscriptionOutbox}.
 *   <li>The outbox throttles to the subscriber's refresh period, keeps the newest {@code
 *       retention_size} records and counts the rest, numbers frames 1, 2, 3... and bounds the
 *       frames a subscriber has not acknowledged; a subscriber stuck at that bound for {@code
 *       stuckAfter} periods loses the subscription and is told so, the publisher never waits.
 * </ul>
 *
 * <h2>Hand-over, evaluation, resuming</h2>
 *
 * <ul>
 *   <li><b>Hand-over.</b> The subscriber's side evaluates the query ({@link
 *       io.nsdb.core.query.QueryEngine#live}) and tells the publisher {@link
 *       io.nsdb.core.stream.Publisher.Subscribe} inside {@link
 *       io.nsdb.core.engine.Storage#holdingWrites}: no write of the metric is applied or handed on
 *       meanwhile, so the history holds exactly the writes up to the metric's LSN then, the
 *       publisher's mailbox holds exactly those before the Subscribe, and every later one reaches
 *       the subscription. No gap, no duplicate, whatever races.
 *   <li><b>Evaluation.</b> Each quid owns one {@link io.nsdb.core.query.LiveQuery}: a matched bit
 *       becomes the query's records (projection, DISTINCT) or updates its groups (aggregations),
 *       whose latest rows are keyed so that an outbox keeps only the latest per group and never
 *       drops them. A query that fails on a bit (too many groups) ends its subscriptions with the
 *       error ({@link io.nsdb.core.stream.Publisher.SubscriptionFailed}).
 *   <li><b>Resuming.</b> While a metric has subscriptions, and for the replay window after, its
 *       inserts are kept in a {@link io.nsdb.core.stream.ReplayLog}; a plain subscription resumes
 *       from the LSN of the last frame its client took, replaying what it missed.
 * </ul>
 */
package io.nsdb.core.stream;
