package io.nsdb.core.engine;

import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.shard.ChunkReader;
import io.nsdb.core.shard.StoredChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The aggregation paths of a {@link ScanSnapshot}: chunks handed over as summaries where they
 * answer, else as compressed points, without building chunk records; then the pending chunks and
 * the head's points. The snapshot's searchers are released before returning, whatever happens.
 */
final class SummaryScans {

  private SummaryScans() {}

  static void summarize(
      ScanSnapshot snapshot,
      long from,
      long to,
      SeriesFilter filter,
      ValueKind kind,
      ChunkReader.SummaryConsumer consumer)
      throws IOException {
    try {
      Query query = ScanAssembly.chunkQuery(filter, from, to);
      for (ScanSnapshot.Lease lease : snapshot.leases()) {
        ChunkReader.summarize(lease.searcher(), query, kind, consumer);
      }
    } finally {
      release(snapshot);
    }
    for (StoredChunk chunk : snapshot.pending()) {
      if (consumer.takes(chunk.chunk().summary())) {
        consumer.summary(chunk.chunk().summary());
      } else {
        consumer.encoded(new BytesRef(chunk.chunk().points()));
      }
    }
    for (ScanSnapshot.HeadPoints head : snapshot.head()) {
      for (int i = 0; i < head.points().size(); i++) {
        long timestamp = head.points().timestamps()[i];
        if (timestamp >= from && timestamp <= to) {
          consumer.point(timestamp, head.points().values()[i]);
        }
      }
    }
  }

  static void summarizeGrouped(
      ScanSnapshot snapshot,
      long from,
      long to,
      SeriesFilter filter,
      ValueKind kind,
      String column,
      ColumnType type,
      ChunkReader.GroupedConsumer consumer)
      throws IOException {
    try {
      Query query = ScanAssembly.chunkQuery(filter, from, to);
      // Every chunk is observed before any is taken or decoded: first/last learn from the newest
      // chunks which older ones they never need to decode.
      List<ChunkReader.GroupedChunks> shards = new ArrayList<>();
      for (ScanSnapshot.Lease lease : snapshot.leases()) {
        shards.add(ChunkReader.collectGrouped(lease.searcher(), query, kind, column, type));
      }
      shards.forEach(shard -> shard.observe(consumer));
      for (StoredChunk chunk : snapshot.pending()) {
        Object group = chunk.chunk().series().column(column);
        if (group != null) {
          consumer.observe(group, chunk.chunk().summary());
        }
      }
      for (ChunkReader.GroupedChunks shard : shards) {
        shard.deliver(consumer);
      }
    } finally {
      release(snapshot);
    }
    for (StoredChunk chunk : snapshot.pending()) {
      Object group = chunk.chunk().series().column(column);
      if (group == null) {
        continue;
      }
      if (consumer.takes(group, chunk.chunk().summary())) {
        consumer.summary(group, chunk.chunk().summary());
      } else {
        consumer.encoded(group, chunk.chunk().summary(), new BytesRef(chunk.chunk().points()));
      }
    }
    for (ScanSnapshot.HeadPoints head : snapshot.head()) {
      Object group = head.series().column(column);
      if (group == null) {
        continue;
      }
      long[] timestamps = head.points().timestamps();
      int start = 0;
      while (start < timestamps.length && timestamps[start] < from) {
        start++;
      }
      int end = start;
      while (end < timestamps.length && timestamps[end] <= to) {
        end++;
      }
      if (end > start) {
        consumer.points(group, timestamps, head.points().values(), start, end);
      }
    }
  }

  private static void release(ScanSnapshot snapshot) {
    for (ScanSnapshot.Lease lease : snapshot.leases()) {
      lease.shard().release(lease.searcher());
    }
  }
}
