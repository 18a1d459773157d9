/**
 * Conditions over points: a SQL {@code WHERE} compiled once, against a metric's schema and one
 * clock reading, into a {@link io.nsdb.core.predicate.PointPredicate} that tests a point (its
 * series' columns, timestamp and value) without re-reading the tree. DELETE uses it to find the
 * points it removes; the query engine and the continuous-query matcher build on it. A continuous
 * query compiles once into a {@link io.nsdb.core.predicate.ClockedPredicate}, which reads {@code
 * now} at each evaluation instead.
 *
 * <p>Logic is SQL's three-valued logic: a comparison with a column the point's series lacks is
 * unknown, NOT of unknown is unknown, and only true selects a point. So {@code NOT host = 'a'} does
 * not select series without a host; {@code host IS NULL} does.
 */
package io.nsdb.core.predicate;
