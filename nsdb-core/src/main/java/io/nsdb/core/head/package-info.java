/**
 * The head: acknowledged points not yet sealed into Lucene, in memory and immediately readable.
 *
 * <p>Per series and time shard, a {@link io.nsdb.core.head.SeriesBuffer} appends timestamps and
 * values to growable arrays (16 bytes a point): appending is a store, not an encode, so the write
 * path stays fast, and the compression the disk needs happens once, when the chunk is sealed. A
 * buffer is sealed when it holds {@code nsdb.head.chunk-max-points} points or has been open longer
 * than {@code nsdb.head.flush-interval}. Out-of-order and duplicate timestamps are kept; sealing
 * sorts a chunk by time, stable, so duplicates stay in arrival order.
 *
 * <p>Every buffer remembers the LSN of its first point: the commit log cannot be truncated past the
 * oldest point still only in the head.
 */
package io.nsdb.core.head;
