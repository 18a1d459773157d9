/**
 * The scan API the query engine reads through: for a metric, a closed time range and a {@link
 * io.nsdb.core.scan.SeriesFilter}, every selected series with its chunks, sealed (with their
 * summaries, so whole chunks aggregate without decoding) and unsealed (from the head), and a {@link
 * io.nsdb.core.scan.PointCursor} that walks a series' points in time order. A scan sees every write
 * acknowledged before it started.
 */
package io.nsdb.core.scan;
