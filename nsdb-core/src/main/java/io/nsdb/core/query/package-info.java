/**
 * The query engine: a parsed SELECT, bound to its metric's schema, planned and executed over the
 * storage's scan API; the answer is a {@link io.nsdb.core.query.QueryResult} of rows in NSDb's
 * shape.
 *
 * <h2>Semantics (the contract the differential test checks)</h2>
 *
 * <p><b>Which points.</b> {@code now} is read once per query. A point is selected when the WHERE
 * (AND-ed with any extra filter the caller adds) is true for it, in SQL's three-valued logic: a
 * comparison with a column the point's series lacks is unknown, and only true selects ({@link
 * io.nsdb.core.predicate}). {@code timestamp} and {@code value} are the point's own; other names
 * are the series' dimensions and tags.
 *
 * <p><b>Row shape.</b> A row is {@code timestamp} (long), {@code value} (Long for a BIGINT metric,
 * Double for DECIMAL; for aggregations see below), {@code dimensions} and {@code tags} (name to
 * value).
 *
 * <p><b>Plain selects</b> ({@code *} or columns): one row per selected point, with its timestamp,
 * value, and its series' dimensions and tags; with a column list, only the listed dimensions and
 * tags are kept (timestamp and value always are). Order: by the ORDER BY column if any (ASC by
 * default; rows lacking the column come first in ASC, last in DESC), then by timestamp, then by
 * value, then by the series (its columns as sorted {@code name=value} text). Without ORDER BY: by
 * timestamp, then value, then series. LIMIT keeps the first n rows of that order.
 *
 * <p><b>DISTINCT c</b>: one row per distinct value of c among the selected points (points lacking c
 * give none), with c in {@code dimensions} or {@code tags} as it is in the schema, timestamp 0 and
 * value 0 (Long). Ordered by c ascending, or as ORDER BY c says; then LIMIT.
 *
 * <p><b>Aggregations</b> over a set of points: {@code count(*)} the number of points (Long); {@code
 * count(c)} the number whose series has c (for c = value or timestamp: all); {@code count(distinct
 * c)} the number of distinct non-null values; {@code sum(value)} exact Long for BIGINT, Double for
 * DECIMAL (summed in time order, then value, then series order); {@code min}, {@code max} of the
 * value, in the value's type; {@code avg(value)} Double, sum / count; {@code first(value)} the
 * value of the point with the smallest timestamp, the smallest value on ties; {@code last(value)}
 * the value at the largest timestamp, the largest value on ties. Over no points: every count is 0,
 * every other aggregation is null.
 *
 * <p>An aggregate row has {@code value} = the first aggregation's result, {@code tags} = every
 * aggregation's result under its label ({@code count(*)}, {@code count(distinct host)}, {@code
 * sum(value)}; see {@link io.nsdb.sql.tree.Aggregation#label()}) plus the group's column, {@code
 * dimensions} empty, and {@code timestamp}: the group's bucket start for GROUP BY INTERVAL; else
 * the timestamp of the point the first {@code first}/{@code last} aggregation of the select took,
 * if any; else 0.
 *
 * <ul>
 *   <li><b>Global</b> (no GROUP BY): exactly one row, even over no points.
 *   <li><b>GROUP BY c</b> (any dimension or tag: NSDb's tag-only rule is lifted): one row per
 *       distinct value of c among the selected points (points lacking c belong to no group), with c
 *       in {@code tags}. Ordered by c ascending, or by ORDER BY c or value (value in its direction,
 *       ties by c ascending); then LIMIT.
 *   <li><b>GROUP BY INTERVAL d</b>: buckets {@code [k*d, (k+1)*d)} aligned to the epoch. They span
 *       from the bucket of the range's lower bound to the bucket of its upper bound, where the
 *       range is the WHERE's time range (see {@link io.nsdb.core.query.TimeRangeExtractor}: AND
 *       intersects, OR takes the hull, NOT is pushed inwards) and, on an unbounded side, the
 *       selected points' extent (no points and an unbounded side: no rows). Empty buckets inside
 *       are returned, with count 0 and null for the other aggregations. {@code SINCE g} keeps only
 *       points with timestamp {@code >= now - g} (and so only the buckets from there on). Ordered
 *       by timestamp ascending (ORDER BY timestamp DESC reverses; ORDER BY value orders by value in
 *       its direction, ties by timestamp ascending); then LIMIT.
 * </ul>
 *
 * <h2>Live queries</h2>
 *
 * <p>{@link io.nsdb.core.query.QueryEngine#live} evaluates a SELECT continuously, for
 * subscriptions: a {@link io.nsdb.core.query.LiveQuery} has a history (exactly the rows {@code
 * execute} returns at its creation) and then takes, one by one, the later bits its WHERE selects
 * (the publisher matches the WHERE with the compiled predicate; a live query never evaluates it
 * again), emitting the records each bit adds or changes. History and state come from one pass over
 * the data, under the caller's lock against writes, so nothing falls between them; and the state is
 * computed by the very code that answers one-off queries ({@link io.nsdb.core.query.Group}, {@link
 * io.nsdb.core.query.Groups}), not by a second implementation that could drift. The contract: the
 * history, with every emitted record appended (plain, DISTINCT) or applied latest per key
 * (aggregations), is what {@code execute} answers afterwards, ORDER BY and LIMIT aside, which shape
 * only the history.
 *
 * <ul>
 *   <li><b>Plain</b> ({@link io.nsdb.core.query.LiveRows}): one record per bit, shaped as a query
 *       row. Stateless, so a client that missed bits can replay them.
 *   <li><b>DISTINCT</b> ({@link io.nsdb.core.query.LiveDistinct}): a record per value never seen,
 *       the seen values seeded with every value in the data, beyond the LIMIT too. Bounded by
 *       {@code maxRows}; past it values are still sent, but no longer remembered.
 *   <li><b>Aggregations</b> ({@link io.nsdb.core.query.LiveAggregation}): keyed records, the new
 *       row of the group a bit changed. Every group is kept, not only those LIMIT shows, within
 *       {@code maxRows}. GROUP BY INTERVAL buckets close once they ended the SINCE grace period (0
 *       without SINCE) before now; a later bit for them is counted and ignored, and closed buckets
 *       are forgotten. Two documented differences from a fresh {@code execute}: a bucket stays open
 *       for its whole grace period, so it takes a bit older than {@code now - SINCE} that a fresh
 *       query's SINCE would cut; and empty buckets, which a fresh query fills in between the ones
 *       with points, are not streamed (a bucket is sent when a bit lands in it).
 * </ul>
 */
package io.nsdb.core.query;
