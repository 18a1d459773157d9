/**
 * Lucene time shards of series chunks. A metric's data is cut by {@link
 * io.nsdb.core.shard.TimeSharding} into shards, one Lucene index directory each; a sealed chunk of
 * one series is one document with the series' columns indexed for filtering and grouping, its time
 * bounds, its summary and its compressed points.
 */
package io.nsdb.core.shard;
