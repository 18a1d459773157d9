package io.nsdb.core.engine;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.codec.ChunkCodec;
import io.nsdb.core.codec.ChunkDecoder;
import io.nsdb.core.codec.EncodedChunk;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.MetricHead;
import io.nsdb.core.head.SeriesBuffer;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.head.SortedPoints;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.predicate.PointPredicate;
import io.nsdb.core.predicate.Truth;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.shard.ChunkReader;
import io.nsdb.core.shard.ChunkRecord;
import io.nsdb.core.shard.ShardIndex;
import io.nsdb.core.shard.StoredChunk;
import io.nsdb.core.shard.TimeSharding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;

/**
 * Everything the engine holds for one metric: head, shards, chunks sealed but not yet searchable,
 * and the LSN bookkeeping of recovery. Its {@link #lock} guards all of it: the methods here assume
 * the caller holds the write lock (or, for reads, the read lock) as each says.
 */
final class MetricStore {

  /** A series in one shard: the unit in which chunks are sealed in LSN order. */
  private record SeriesShard(SeriesKey series, long shardStart) {}

  /** Too many pending chunks cost memory and scan time: refresh at once past this. */
  private static final int MAX_PENDING = 4096;

  final MetricKey key;
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final Path directory;
  private final Path dataDir;
  private final TimeSharding sharding;
  private final ValueKind kind;
  private final MetricHead head;
  private final TreeMap<Long, ShardIndex> shards = new TreeMap<>();
  private final List<StoredChunk> pending = new ArrayList<>();
  private final Set<Long> unrefreshedShards = new HashSet<>();
  private long coveredLsn;
  private long lastAppliedLsn;
  private long uncommittedMinLsn = Long.MAX_VALUE;
  private long sealedChunks;

  /** Points in sealed chunks (searchable or pending); with the head's, every point stored. */
  private long sealedPoints;

  private boolean dropped;

  /** During recovery only: per series and shard, the highest LSN already in a committed chunk. */
  private Map<SeriesShard, Long> committedMaxLsn;

  MetricStore(
      MetricKey key, Path dataDir, TimeSharding sharding, ValueKind kind, int chunkMaxPoints) {
    this.key = key;
    this.dataDir = dataDir;
    this.directory =
        dataDir.resolve("metrics").resolve(key.db()).resolve(key.namespace()).resolve(key.metric());
    this.sharding = sharding;
    this.kind = kind;
    this.head = new MetricHead(chunkMaxPoints);
    this.coveredLsn = MetricState.read(dataDir, key);
    this.lastAppliedLsn = coveredLsn;
  }

  /** Opens the shards on disk and remembers what they hold, for replay to skip. */
  void openForRecovery() {
    committedMaxLsn = new HashMap<>();
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : children.toList()) {
        Optional<Long> start = sharding.parse(child.getFileName().toString());
        if (start.isEmpty()) {
          continue;
        }
        ShardIndex shard = ShardIndex.open(child, start.get());
        shards.put(start.get(), shard);
        for (StoredChunk stored : readAll(shard)) {
          sealedPoints += stored.chunk().summary().count();
          committedMaxLsn.merge(
              new SeriesShard(stored.chunk().series(), stored.shardStart()),
              stored.chunk().maxLsn(),
              Math::max);
        }
      }
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot list shards [dir=" + directory + "]", e);
    }
  }

  /** Recovery is over: live writes never need the skip map. */
  void endRecovery() {
    committedMaxLsn = null;
  }

  boolean dropped() {
    return dropped;
  }

  ValueKind kind() {
    return kind;
  }

  TimeSharding sharding() {
    return sharding;
  }

  long coveredLsn() {
    return coveredLsn;
  }

  /** Write lock. Appends conformed bits with LSNs {@code firstLsn...}; seals full buffers. */
  void apply(List<Bit> bits, long firstLsn, long nowMillis) {
    List<SeriesBuffer> full = new ArrayList<>();
    long lsn = firstLsn;
    for (Bit bit : bits) {
      if (!alreadyStored(bit, lsn)) {
        head.append(bit, lsn, sharding, nowMillis, full);
      }
      lsn++;
    }
    lastAppliedLsn = Math.max(lastAppliedLsn, lsn - 1);
    full.forEach(this::seal);
    if (pending.size() > MAX_PENDING) {
      refresh();
    }
  }

  private boolean alreadyStored(Bit bit, long lsn) {
    if (lsn <= coveredLsn) {
      return true;
    }
    if (committedMaxLsn == null) {
      return false;
    }
    Long stored =
        committedMaxLsn.get(
            new SeriesShard(
                new SeriesKey(bit.dimensions(), bit.tags()), sharding.floor(bit.timestamp())));
    return stored != null && lsn <= stored;
  }

  /** Write lock. Seals every head buffer {@code which} selects. */
  void seal(Predicate<SeriesBuffer> which) {
    head.detach(which).forEach(this::seal);
  }

  private void seal(SeriesBuffer buffer) {
    SortedPoints points = buffer.sortedCopy();
    EncodedChunk encoded =
        ChunkCodec.encode(points.timestamps(), points.values(), points.size(), kind);
    ChunkRecord chunk =
        new ChunkRecord(buffer.series(), encoded.summary(), buffer.lastLsn(), encoded.bytes());
    ShardIndex shard = shard(buffer.shardStart());
    String id = shard.add(chunk);
    pending.add(new StoredChunk(id, buffer.shardStart(), chunk));
    unrefreshedShards.add(buffer.shardStart());
    uncommittedMinLsn = Math.min(uncommittedMinLsn, buffer.firstLsn());
    sealedChunks++;
    sealedPoints += buffer.size();
  }

  private ShardIndex shard(long start) {
    return shards.computeIfAbsent(
        start, s -> ShardIndex.open(directory.resolve(sharding.directoryName(s)), s));
  }

  /** Write lock. Makes pending chunks searchable and forgets them. */
  void refresh() {
    for (long start : unrefreshedShards) {
      ShardIndex shard = shards.get(start);
      if (shard != null) {
        shard.refresh();
      }
    }
    unrefreshedShards.clear();
    pending.clear();
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Whether a commit would record anything new. */
  boolean needsCommit() {
    return shards.values().stream().anyMatch(ShardIndex::dirty) || coverableLsn() > coveredLsn;
  }

  private long coverableLsn() {
    return Math.max(coveredLsn, Math.min(lastAppliedLsn, oldestNeededLsn() - 1));
  }

  /**
   * Write lock. Commits every changed shard and records the covered LSN: every effect of the
   * metric's log entries up to it is now in Lucene commits.
   */
  void commit() {
    refresh();
    long covered =
        Math.max(coveredLsn, Math.min(lastAppliedLsn, head.oldestLsn().orElse(Long.MAX_VALUE) - 1));
    for (ShardIndex shard : shards.values()) {
      if (shard.dirty()) {
        shard.commit(covered);
      }
    }
    uncommittedMinLsn = Long.MAX_VALUE;
    if (covered != coveredLsn) {
      MetricState.write(dataDir, key, covered);
      coveredLsn = covered;
    }
  }

  /**
   * The oldest LSN whose effect is not yet in a Lucene commit (in the head, or sealed since the
   * last commit); Long.MAX_VALUE when there is none. The commit log must keep it.
   */
  long oldestNeededLsn() {
    return Math.min(head.oldestLsn().orElse(Long.MAX_VALUE), uncommittedMinLsn);
  }

  /** Write lock. Records that a delete or drop with this LSN is applied. */
  void applied(long lsn) {
    lastAppliedLsn = Math.max(lastAppliedLsn, lsn);
  }

  /**
   * Write lock. Removes every point {@code doomed} selects, rewriting the chunks that hold some;
   * everything of the head is sealed first. Returns how many points went.
   */
  long rewrite(PointPredicate doomed, long fromShardStart, long toShardStart) {
    seal(buffer -> buffer.shardStart() >= fromShardStart && buffer.shardStart() <= toShardStart);
    refresh();
    ChunkDecoder decoder = ChunkCodec.decoder();
    long removed = 0;
    for (ShardIndex shard : shards.subMap(fromShardStart, true, toShardStart, true).values()) {
      for (StoredChunk stored : readAll(shard)) {
        ChunkRecord chunk = stored.chunk();
        decoder.reset(chunk.points());
        int count = decoder.count();
        long[] keptTimestamps = new long[count];
        long[] keptValues = new long[count];
        int kept = 0;
        while (decoder.next()) {
          if (!doomed.test(chunk.series(), decoder.timestamp(), decoder.rawValue())) {
            keptTimestamps[kept] = decoder.timestamp();
            keptValues[kept++] = decoder.rawValue();
          }
        }
        if (kept == count) {
          continue;
        }
        removed += count - kept;
        sealedPoints -= count - kept;
        shard.delete(stored.id());
        if (kept > 0) {
          EncodedChunk encoded = ChunkCodec.encode(keptTimestamps, keptValues, kept, kind);
          shard.add(
              new ChunkRecord(chunk.series(), encoded.summary(), chunk.maxLsn(), encoded.bytes()));
        }
      }
      shard.refresh();
    }
    return removed;
  }

  /**
   * Write lock. Keeps only points from {@code cutoff} on: seals the head's older buffers, deletes
   * whole expired shards, rewrites the one straddling the cutoff, and commits if anything went.
   */
  void applyRetention(long cutoff) {
    long boundary = sharding.floor(cutoff);
    seal(buffer -> buffer.shardStart() <= boundary);
    int droppedShards = dropShardsBefore(cutoff);
    long removed =
        rewrite(
            (series, timestamp, value) -> timestamp < cutoff ? Truth.TRUE : Truth.FALSE,
            boundary,
            boundary);
    if (droppedShards > 0 || removed > 0) {
      commit();
    }
  }

  /** Write lock. Deletes whole shards that end before {@code cutoff}; returns how many. */
  int dropShardsBefore(long cutoff) {
    int dropped = 0;
    for (long start : List.copyOf(shards.headMap(cutoff).keySet())) {
      if (sharding.expired(start, cutoff)) {
        ShardIndex shard = shards.remove(start);
        shard.refresh();
        for (StoredChunk stored : readAll(shard)) {
          sealedPoints -= stored.chunk().summary().count();
        }
        shard.close();
        deleteRecursively(shard.directory());
        dropped++;
      }
    }
    return dropped;
  }

  /** Write lock. Forgets everything: closes and deletes the shards; the store is then unusable. */
  void drop(long lsn) {
    for (ShardIndex shard : shards.values()) {
      shard.close();
    }
    shards.clear();
    pending.clear();
    unrefreshedShards.clear();
    head.detach(buffer -> true);
    sealedPoints = 0;
    deleteRecursively(directory);
    coveredLsn = Math.max(coveredLsn, lsn);
    lastAppliedLsn = coveredLsn;
    MetricState.write(dataDir, key, coveredLsn);
    dropped = true;
  }

  /** Read lock. Every point the metric holds, sealed or in the head. */
  long pointCount() {
    return sealedPoints + head.points();
  }

  /** Read lock. What a scan of [from, to] reads, taken at one instant. */
  ScanSnapshot snapshot(long from, long to, SeriesFilter filter) {
    List<ScanSnapshot.Lease> leases = new ArrayList<>();
    for (ShardIndex shard : shards.values()) {
      if (sharding.overlaps(shard.start(), from, to)) {
        leases.add(new ScanSnapshot.Lease(shard, shard.acquire()));
      }
    }
    List<StoredChunk> sealed = new ArrayList<>();
    for (StoredChunk chunk : pending) {
      ChunkRecord record = chunk.chunk();
      if (record.minTimestamp() <= to
          && record.maxTimestamp() >= from
          && filter.test(record.series())) {
        sealed.add(chunk);
      }
    }
    List<ScanSnapshot.HeadPoints> unsealed = new ArrayList<>();
    for (SeriesBuffer buffer : head.buffers()) {
      if (sharding.overlaps(buffer.shardStart(), from, to) && filter.test(buffer.series())) {
        unsealed.add(new ScanSnapshot.HeadPoints(buffer.series(), buffer.sortedCopy()));
      }
    }
    return new ScanSnapshot(leases, sealed, unsealed);
  }

  private List<StoredChunk> readAll(ShardIndex shard) {
    return shard.search(
        searcher -> ChunkReader.read(searcher, new MatchAllDocsQuery(), shard.start(), kind));
  }

  /** Read lock. Figures for {@link StorageStats}. */
  void addStats(StorageStats.Builder stats) {
    stats.headPoints += head.points();
    stats.headBuffers += head.bufferCount();
    stats.headBytes += head.memoryBytes();
    stats.shards += shards.size();
    stats.pendingChunks += pending.size();
    stats.sealedChunks += sealedChunks;
  }

  /** Write lock. Closes the shards without committing (what is not committed is in the log). */
  void close() {
    for (ShardIndex shard : shards.values()) {
      shard.close();
    }
    shards.clear();
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot delete [path=" + path + ", reason=" + e + "]", e);
    }
  }
}
