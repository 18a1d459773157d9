package io.nsdb.core.engine;

import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.head.SortedPoints;
import io.nsdb.core.shard.ShardIndex;
import io.nsdb.core.shard.StoredChunk;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;

/**
 * What one scan reads, taken under the metric's read lock: searchers acquired on the overlapping
 * shards, the sealed chunks not yet in those searchers, and copies of the head's points. Together
 * they hold every acknowledged point once.
 */
record ScanSnapshot(List<Lease> leases, List<StoredChunk> pending, List<HeadPoints> head) {

  /** A searcher acquired from a shard; it must be released. */
  record Lease(ShardIndex shard, IndexSearcher searcher) {}

  /** A head buffer's points, copied. */
  record HeadPoints(SeriesKey series, SortedPoints points) {}
}
