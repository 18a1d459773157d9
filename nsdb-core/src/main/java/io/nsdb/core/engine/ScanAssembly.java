package io.nsdb.core.engine;

import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.scan.ChunkSource;
import io.nsdb.core.scan.Scan;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.scan.SeriesScan;
import io.nsdb.core.shard.ChunkFields;
import io.nsdb.core.shard.ChunkReader;
import io.nsdb.core.shard.StoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Turns a {@link ScanSnapshot} into a {@link Scan}: reads the matching chunks from the acquired
 * searchers (several shards in parallel), releases them, adds the pending chunks and the head, and
 * groups everything by series, sealed chunks in sealing (LSN) order before the head's points.
 */
final class ScanAssembly {

  private ScanAssembly() {}

  /**
   * @throws UncheckedIOException when a shard cannot be read; the searchers are released anyway
   */
  static Scan assemble(
      ScanSnapshot snapshot, long from, long to, SeriesFilter filter, ValueKind kind) {
    Map<SeriesKey, List<StoredChunk>> sealed = new LinkedHashMap<>();
    try {
      Query query = chunkQuery(filter, from, to);
      // Shards are read in parallel when there are several: each is an independent index.
      List<List<StoredChunk>> perShard =
          (snapshot.leases().size() > 1
                  ? snapshot.leases().parallelStream()
                  : snapshot.leases().stream())
              .map(lease -> read(lease, query, kind))
              .toList();
      for (List<StoredChunk> shardChunks : perShard) {
        for (StoredChunk chunk : shardChunks) {
          sealed.computeIfAbsent(chunk.chunk().series(), s -> new ArrayList<>()).add(chunk);
        }
      }
    } finally {
      for (ScanSnapshot.Lease lease : snapshot.leases()) {
        lease.shard().release(lease.searcher());
      }
    }
    for (StoredChunk chunk : snapshot.pending()) {
      sealed.computeIfAbsent(chunk.chunk().series(), s -> new ArrayList<>()).add(chunk);
    }
    Map<SeriesKey, List<ChunkSource>> chunks = new LinkedHashMap<>();
    sealed.forEach(
        (series, list) -> {
          list.sort(Comparator.comparingLong(c -> c.chunk().maxLsn()));
          List<ChunkSource> sources = new ArrayList<>();
          list.forEach(c -> sources.add(new ChunkSource.Sealed(c.chunk())));
          chunks.put(series, sources);
        });
    for (ScanSnapshot.HeadPoints head : snapshot.head()) {
      chunks
          .computeIfAbsent(head.series(), s -> new ArrayList<>())
          .add(new ChunkSource.Head(head.points()));
    }
    List<SeriesScan> series = new ArrayList<>();
    chunks.forEach((key, list) -> series.add(new SeriesScan(key, list)));
    return new Scan(kind, series);
  }

  /** The chunks of the series {@code filter} selects with a point possibly in [from, to]. */
  static Query chunkQuery(SeriesFilter filter, long from, long to) {
    return new BooleanQuery.Builder()
        .add(filter.toQuery(), Occur.FILTER)
        .add(ChunkFields.overlapping(from, to), Occur.FILTER)
        .build();
  }

  private static List<StoredChunk> read(ScanSnapshot.Lease lease, Query query, ValueKind kind) {
    try {
      return ChunkReader.read(lease.searcher(), query, lease.shard().start(), kind, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
