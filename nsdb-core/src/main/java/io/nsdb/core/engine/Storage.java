package io.nsdb.core.engine;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.catalog.Catalog;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.commitlog.CommitLog;
import io.nsdb.core.commitlog.LogEntry;
import io.nsdb.core.commitlog.LoggedEntry;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.predicate.NowResolver;
import io.nsdb.core.predicate.PointPredicate;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.core.scan.Scan;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import io.nsdb.core.shard.ChunkReader;
import io.nsdb.core.shard.TimeSharding;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Delete;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded storage engine: open a data directory, insert batches that are durable (per the
 * commit log's sync policy) when the call returns, scan, delete, drop, describe, close. The server
 * and the tests share it. Thread-safe. See the package documentation for how it works.
 */
public final class Storage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final StorageConfig config;
  private final Catalog catalog;
  private final CommitLog log;
  private final Map<MetricKey, MetricStore> stores = new ConcurrentHashMap<>();
  private final ScheduledExecutorService maintenance;
  private final AtomicLong writeListenerFailures = new AtomicLong();
  private volatile WriteListener writeListener = WriteListener.NONE;
  private volatile boolean closed;

  private Storage(StorageConfig config, Catalog catalog, CommitLog log) {
    this.config = config;
    this.catalog = catalog;
    this.log = log;
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "nsdb-storage-maintenance");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Opens the data directory (created if missing), replaying the commit log: every acknowledged
   * write is readable when this returns.
   */
  public static Storage open(StorageConfig config) {
    Path dataDir = config.dataDir();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot create the data directory [dir=" + dataDir + "]", e);
    }
    Catalog catalog = Catalog.open(dataDir, config.defaultMetricInfo());
    CommitLog log;
    try {
      log = CommitLog.open(dataDir.resolve("commitlog"), config.commitLog());
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot open the commit log [dir=" + dataDir + "]", e);
    }
    Storage storage = new Storage(config, catalog, log);
    storage.recover();
    storage.startMaintenance();
    return storage;
  }

  private void recover() {
    for (String db : catalog.databases()) {
      for (MetricKey metric : catalog.metricKeys(db, null)) {
        if (catalog.schema(metric).isPresent()) {
          store(metric).openForRecovery();
        }
      }
    }
    long started = System.nanoTime();
    long[] entries = {0};
    try {
      log.replay(
          0,
          entry -> {
            replay(entry);
            entries[0]++;
          });
    } catch (IOException e) {
      throw new NsdbException(ErrorCode.STORAGE_FAILURE, "cannot replay the commit log", e);
    }
    stores.values().forEach(MetricStore::endRecovery);
    LOG.info(
        "recovered {} commit-log entries in {} ms",
        entries[0],
        (System.nanoTime() - started) / 1_000_000);
  }

  private void replay(LoggedEntry logged) {
    long lsn = logged.firstLsn();
    switch (logged.entry()) {
      case LogEntry.Insert insert -> {
        Optional<Schema> schema = catalog.schema(insert.metric());
        if (schema.isEmpty()) {
          return; // dropped later, and the drop is already on disk
        }
        MetricStore store = store(insert.metric());
        if (logged.lastLsn() <= store.coveredLsn()) {
          // Already in Lucene commits, or written to an earlier incarnation of a metric dropped
          // since: its columns may not even be in today's schema.
          return;
        }
        Schema current = catalog.accept(insert.metric(), insert.bits());
        List<Bit> bits = insert.bits().stream().map(current::conform).toList();
        store.apply(bits, lsn, now());
      }
      case LogEntry.Delete delete -> {
        MetricStore store = existingStore(delete.metric());
        if (store != null && lsn > store.coveredLsn()) {
          Delete statement =
              (Delete)
                  SqlParser.parse(
                      "DELETE FROM " + delete.metric().metric() + " WHERE " + delete.whereSql());
          Schema schema = catalog.schema(delete.metric()).orElseThrow();
          applyDelete(store, PredicateCompiler.compile(statement.where(), schema, now()), lsn);
        }
      }
      case LogEntry.DropMetric drop -> {
        MetricStore store = existingStore(drop.metric());
        if (store == null || lsn > store.coveredLsn()) {
          dropNow(drop.metric(), lsn);
        }
      }
      case LogEntry.DropNamespace drop -> {
        for (MetricKey metric : catalog.metricKeys(drop.db(), drop.namespace())) {
          if (metric.namespace().equals(drop.namespace())) {
            MetricStore store = existingStore(metric);
            if (store == null || lsn > store.coveredLsn()) {
              dropNow(metric, lsn);
            }
          }
        }
      }
    }
  }

  private void startMaintenance() {
    schedule(config.refreshInterval().toMillis(), this::refreshAll);
    schedule(config.commitInterval().toMillis(), this::commitAndCheckpoint);
    schedule(config.retentionCheckInterval().toMillis(), this::applyRetention);
  }

  private void schedule(long periodMillis, Runnable task) {
    maintenance.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            if (!closed) {
              LOG.error("storage maintenance failed; it is retried at the next period", e);
            }
          }
        },
        periodMillis,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  private long now() {
    return config.clock().millis();
  }

  // ---------------------------------------------------------------- writes

  /**
   * Sets who is told of every insert from now on ({@link WriteListener#NONE} to stop); inserts
   * already past their hand-off are not replayed to it. Recovery never calls it.
   */
  public void setWriteListener(WriteListener listener) {
    this.writeListener = Objects.requireNonNull(listener, "listener");
  }

  /** How many times the write listener threw; each insert concerned was acknowledged anyway. */
  public long writeListenerFailures() {
    return writeListenerFailures.get();
  }

  /**
   * Inserts a batch of bits into one metric, all or nothing: a bit outside the retention window or
   * disagreeing with the schema rejects the batch and changes nothing. Returns the LSN of the last
   * bit once the batch is as durable as the sync policy promises. Before that, and in LSN order per
   * metric, the batch is handed to the {@link #setWriteListener write listener}.
   */
  public long insert(MetricKey metric, List<Bit> bits) {
    ensureOpen();
    if (bits.isEmpty()) {
      throw new NsdbException(ErrorCode.INVALID_BIT, "empty batch [metric=" + metric + "]");
    }
    checkRetention(metric, bits);
    Schema schema = catalog.accept(metric, bits);
    List<Bit> conformed = schema.conformAll(bits);
    long last;
    while (true) {
      MetricStore store = store(metric);
      Lock lock = store.lock.writeLock();
      lock.lock();
      try {
        if (store.dropped()) {
          continue; // dropped meanwhile: a new store for the new metric
        }
        long first = append(new LogEntry.Insert(metric, conformed));
        store.apply(conformed, first, now());
        last = first + conformed.size() - 1;
        // Under the lock, so that one metric's batches reach the listener in LSN order.
        List<Bit> handed = Collections.unmodifiableList(conformed);
        tellListener(metric, first, last, () -> writeListener.written(metric, handed, first));
        break;
      } finally {
        lock.unlock();
      }
    }
    writeListener.awaitCaughtUp();
    awaitDurable(last);
    return last;
  }

  /**
   * Tells the write listener of a write with LSNs {@code first..last}. Its failure does not fail
   * the write: the write is already in the log and the head, so an error would report as lost a
   * write that readers see and recovery replays. It is logged and counted instead; see {@link
   * WriteListener}.
   */
  private void tellListener(MetricKey metric, long first, long last, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      writeListenerFailures.incrementAndGet();
      LOG.error(
          "the write listener failed; the write is acknowledged, its subscribers miss it"
              + " [metric={}, firstLsn={}, lastLsn={}]",
          metric,
          first,
          last,
          e);
    }
  }

  /**
   * Runs {@code work} at a point where no insert into {@code metric} is half done: every insert
   * acknowledged, or handed to the write listener, before it is readable inside {@code work}, and
   * none is applied or handed on until {@code work} returns. This is the continuous-query
   * hand-over: a subscription registered with the publisher inside {@code work} sees, live, exactly
   * the inserts its history (read inside {@code work}) does not.
   *
   * <p>Inserts into the metric wait while {@code work} runs (reads and other metrics do not), so it
   * must be bounded; a query with its timeout is. Reads inside {@code work} take the metric's read
   * lock again, which the lock allows even with a writer queued.
   *
   * @throws NsdbException {@link ErrorCode#UNKNOWN_METRIC} for a metric never written
   */
  public <T> T holdingWrites(MetricKey metric, Supplier<T> work) {
    while (true) {
      ensureOpen();
      schemaOrFail(metric);
      MetricStore store = store(metric);
      Lock lock = store.lock.readLock();
      lock.lock();
      try {
        if (store.dropped()) {
          continue; // dropped meanwhile: the metric's next store, or unknown
        }
        return work.get();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * The LSN of the latest write (0 before any). Read inside {@link #holdingWrites} it is where the
   * metric's hand-over happens: its writes up to it are readable, later ones get higher LSNs.
   */
  public long lastLsn() {
    return log.nextLsn() - 1;
  }

  /**
   * Checks a batch as {@link #insert} would (retention window, schema) without writing anything, so
   * that a request spanning several metrics can be refused whole before any of it is written. A
   * concurrent writer may still change the schema between this check and the insert.
   */
  public void check(MetricKey metric, List<Bit> bits) {
    ensureOpen();
    if (bits.isEmpty()) {
      throw new NsdbException(ErrorCode.INVALID_BIT, "empty batch [metric=" + metric + "]");
    }
    checkRetention(metric, bits);
    catalog.check(metric, bits);
  }

  private void checkRetention(MetricKey metric, List<Bit> bits) {
    MetricInfo info = catalog.info(metric);
    if (info.keepsForever()) {
      return;
    }
    long oldest = now() - info.retention().toMillis();
    for (Bit bit : bits) {
      if (bit.timestamp() < oldest) {
        throw new NsdbException(
            ErrorCode.OUTSIDE_RETENTION,
            "bit is older than the metric's retention [metric="
                + metric
                + ", timestamp="
                + bit.timestamp()
                + ", retention="
                + info.retention()
                + ", oldestAccepted="
                + oldest
                + "]");
      }
    }
  }

  /** Sets shard interval and retention before the metric's first write (as NSDb). */
  public void setMetricInfo(MetricKey metric, MetricInfo info) {
    ensureOpen();
    catalog.setInfo(metric, info);
  }

  /**
   * Deletes the points matching {@code where} (a DELETE's condition); returns how many went. The
   * condition is checked against the schema first: an unknown column or a type mismatch changes
   * nothing.
   */
  public long delete(MetricKey metric, Condition where) {
    ensureOpen();
    Schema schema = schemaOrFail(metric);
    long nowMillis = now();
    Condition resolved = NowResolver.resolve(where, nowMillis);
    PointPredicate predicate = PredicateCompiler.compile(resolved, schema, nowMillis);
    MetricStore store = store(metric);
    long removed;
    long lsn;
    store.lock.writeLock().lock();
    try {
      lsn = append(new LogEntry.Delete(metric, SqlFormatter.condition(resolved)));
      removed = applyDelete(store, predicate, lsn);
      if (removed > 0) {
        tellListener(metric, lsn, lsn, () -> writeListener.deleted(metric, lsn));
      }
    } finally {
      store.lock.writeLock().unlock();
    }
    awaitDurable(lsn);
    return removed;
  }

  /** Write lock held. Rewrites the chunks and commits, so a replay never repeats the delete. */
  private long applyDelete(MetricStore store, PointPredicate predicate, long lsn) {
    long removed = store.rewrite(predicate, Long.MIN_VALUE, Long.MAX_VALUE);
    store.applied(lsn);
    store.commit();
    return removed;
  }

  /** Drops a metric: data, schema, metric info. */
  public void dropMetric(MetricKey metric) {
    ensureOpen();
    if (!catalog.exists(metric)) {
      throw unknownMetric(metric);
    }
    long lsn = append(new LogEntry.DropMetric(metric));
    dropNow(metric, lsn);
    tellListener(metric, lsn, lsn, () -> writeListener.dropped(metric, lsn));
    awaitDurable(lsn);
  }

  /** Drops every metric of a namespace. */
  public void dropNamespace(String db, String namespace) {
    ensureOpen();
    List<MetricKey> metrics =
        catalog.metricKeys(db, namespace).stream()
            .filter(m -> m.namespace().equals(namespace))
            .toList();
    if (metrics.isEmpty()) {
      throw new NsdbException(
          ErrorCode.UNKNOWN_NAMESPACE,
          "namespace does not exist [db=" + db + ", namespace=" + namespace + "]");
    }
    long lsn = append(new LogEntry.DropNamespace(db, namespace));
    for (MetricKey metric : metrics) {
      dropNow(metric, lsn);
      tellListener(metric, lsn, lsn, () -> writeListener.dropped(metric, lsn));
    }
    awaitDurable(lsn);
  }

  private void dropNow(MetricKey metric, long lsn) {
    MetricStore store = existingStore(metric);
    if (store == null && catalog.schema(metric).isEmpty()) {
      // Never written (only its info was set), or dropped before: state keeps the drop's LSN.
      MetricState.write(
          config.dataDir(), metric, Math.max(lsn, MetricState.read(config.dataDir(), metric)));
      catalog.drop(metric);
      return;
    }
    if (store == null) {
      store = store(metric);
    }
    store.lock.writeLock().lock();
    try {
      store.drop(lsn);
      stores.remove(metric, store);
      catalog.drop(metric);
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- reads

  public Optional<Schema> describe(MetricKey metric) {
    return catalog.schema(metric);
  }

  public MetricInfo metricInfo(MetricKey metric) {
    return catalog.info(metric);
  }

  public Set<String> databases() {
    return catalog.databases();
  }

  public Set<String> namespaces(String db) {
    return catalog.namespaces(db);
  }

  public Set<String> metrics(String db, String namespace) {
    return catalog.metrics(db, namespace);
  }

  /**
   * Every series {@code filter} selects with its chunks overlapping [from, to]: sealed ones with
   * their summaries, and the head's points. Sees every write acknowledged before it started.
   *
   * @throws NsdbException {@link ErrorCode#UNKNOWN_METRIC} for a metric never written
   */
  public Scan scan(MetricKey metric, long from, long to, SeriesFilter filter) {
    ValueKind kind = kindOf(schemaOrFail(metric));
    return snapshot(metric, from, to, filter)
        .map(
            snapshot -> read(metric, () -> ScanAssembly.assemble(snapshot, from, to, filter, kind)))
        .orElseGet(() -> new Scan(kind, List.of()));
  }

  /**
   * An aggregation's view of [from, to]: every chunk of the series {@code filter} selects, as its
   * summary where the consumer takes it, else its compressed points, and the head's points one by
   * one; no series keys. Sees every write acknowledged before it started.
   */
  public void summarize(
      MetricKey metric,
      long from,
      long to,
      SeriesFilter filter,
      ChunkReader.SummaryConsumer consumer) {
    ValueKind kind = kindOf(schemaOrFail(metric));
    snapshot(metric, from, to, filter)
        .ifPresent(
            snapshot ->
                read(
                    metric,
                    () -> {
                      SummaryScans.summarize(snapshot, from, to, filter, kind, consumer);
                      return null;
                    }));
  }

  /**
   * Like {@link #summarize}, for GROUP BY {@code column}: each chunk and head point comes with the
   * column's value; series without the column are left out.
   */
  public void summarizeGrouped(
      MetricKey metric,
      long from,
      long to,
      SeriesFilter filter,
      String column,
      ChunkReader.GroupedConsumer consumer) {
    Schema schema = schemaOrFail(metric);
    ValueKind kind = kindOf(schema);
    ColumnType type = schema.columns().get(column).type();
    snapshot(metric, from, to, filter)
        .ifPresent(
            snapshot ->
                read(
                    metric,
                    () -> {
                      SummaryScans.summarizeGrouped(
                          snapshot, from, to, filter, kind, column, type, consumer);
                      return null;
                    }));
  }

  /** What a read of [from, to] sees, taken under the metric's read lock; empty if nothing. */
  private Optional<ScanSnapshot> snapshot(
      MetricKey metric, long from, long to, SeriesFilter filter) {
    ensureOpen();
    MetricStore store = existingStore(metric);
    if (store == null || from > to) {
      return Optional.empty();
    }
    store.lock.readLock().lock();
    try {
      return Optional.of(store.snapshot(from, to, filter));
    } finally {
      store.lock.readLock().unlock();
    }
  }

  /** A read that may do I/O; its searchers are released by the reader itself. */
  private interface ShardRead<T> {
    T run() throws IOException;
  }

  private static <T> T read(MetricKey metric, ShardRead<T> read) {
    try {
      return read.run();
    } catch (IOException | UncheckedIOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot read chunks [metric=" + metric + "]", e);
    }
  }

  /**
   * How many points the metric holds, from counters kept as points are sealed, rewritten and
   * dropped: {@code count(*)} without a WHERE, without visiting a chunk.
   */
  public long countPoints(MetricKey metric) {
    ensureOpen();
    schemaOrFail(metric);
    MetricStore store = existingStore(metric);
    if (store == null) {
      return 0;
    }
    store.lock.readLock().lock();
    try {
      return store.pointCount();
    } finally {
      store.lock.readLock().unlock();
    }
  }

  public StorageStats stats() {
    StorageStats.Builder builder = new StorageStats.Builder();
    for (MetricStore store : stores.values()) {
      store.lock.readLock().lock();
      try {
        store.addStats(builder);
      } finally {
        store.lock.readLock().unlock();
      }
    }
    return new StorageStats(
        builder.headPoints,
        builder.headBuffers,
        builder.headBytes,
        stores.size(),
        builder.shards,
        builder.pendingChunks,
        builder.sealedChunks,
        log.nextLsn(),
        log.durableLsn(),
        log.fsyncCount(),
        log.segmentCount(),
        log.sizeInBytes());
  }

  // ---------------------------------------------------------------- maintenance

  /**
   * Seals every head buffer, commits every metric and truncates the commit log: after it, every
   * acknowledged write is in Lucene commits. Clean shutdown does this; so can a test or a tool.
   */
  public void flush() {
    ensureOpen();
    for (MetricStore store : stores.values()) {
      withWriteLock(
          store,
          () -> {
            store.seal(buffer -> true);
            store.commit();
          });
    }
    checkpoint();
  }

  private void refreshAll() {
    for (MetricStore store : stores.values()) {
      if (store.hasPending()) {
        withWriteLock(store, store::refresh);
      }
    }
  }

  private void commitAndCheckpoint() {
    long staleBefore = now() - config.flushInterval().toMillis();
    for (MetricStore store : stores.values()) {
      withWriteLock(
          store,
          () -> {
            store.seal(buffer -> buffer.openedAtMillis() < staleBefore);
            if (store.needsCommit()) {
              store.commit();
            }
          });
    }
    checkpoint();
  }

  /** Truncates the commit log up to what no metric needs any more. */
  private void checkpoint() {
    long needed = log.nextLsn();
    for (MetricStore store : stores.values()) {
      store.lock.readLock().lock();
      try {
        needed = Math.min(needed, store.oldestNeededLsn());
      } finally {
        store.lock.readLock().unlock();
      }
    }
    try {
      log.checkpoint(needed - 1);
    } catch (IOException e) {
      throw new NsdbException(ErrorCode.STORAGE_FAILURE, "cannot truncate the commit log", e);
    }
  }

  /** Drops expired shards whole and trims the shard that straddles each retention cutoff. */
  void applyRetention() {
    for (MetricStore store : stores.values()) {
      MetricInfo info = catalog.info(store.key);
      if (info.keepsForever()) {
        continue;
      }
      long cutoff = now() - info.retention().toMillis();
      withWriteLock(store, () -> store.applyRetention(cutoff));
    }
  }

  // ---------------------------------------------------------------- plumbing

  private MetricStore store(MetricKey metric) {
    return stores.computeIfAbsent(
        metric,
        key -> {
          Schema schema = catalog.schema(key).orElseThrow(() -> unknownMetric(key));
          return new MetricStore(
              key,
              config.dataDir(),
              new TimeSharding(catalog.info(key).shardInterval()),
              kindOf(schema),
              config.chunkMaxPoints());
        });
  }

  private MetricStore existingStore(MetricKey metric) {
    return stores.get(metric);
  }

  private static ValueKind kindOf(Schema schema) {
    return schema.valueType() == ColumnType.DECIMAL ? ValueKind.DOUBLE : ValueKind.LONG;
  }

  private Schema schemaOrFail(MetricKey metric) {
    return catalog.schema(metric).orElseThrow(() -> unknownMetric(metric));
  }

  private static NsdbException unknownMetric(MetricKey metric) {
    return new NsdbException(
        ErrorCode.UNKNOWN_METRIC, "metric does not exist [metric=" + metric + "]");
  }

  private long append(LogEntry entry) {
    try {
      return log.append(entry);
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot append to the commit log: nothing was written", e);
    }
  }

  private void awaitDurable(long lsn) {
    try {
      log.awaitDurable(lsn);
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE,
          "cannot force the commit log: the write is not acknowledged [lsn=" + lsn + "]",
          e);
    }
  }

  private static void withWriteLock(MetricStore store, Runnable work) {
    store.lock.writeLock().lock();
    try {
      if (!store.dropped()) {
        work.run();
      }
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new NsdbException(ErrorCode.CLOSED, "storage is closed [dir=" + config.dataDir() + "]");
    }
  }

  /**
   * For tests: lets go of every file as a killed process would, without sealing or committing
   * anything. What was acknowledged is in the commit log and comes back on the next open.
   */
  void abandon() {
    closed = true;
    maintenance.shutdownNow();
    for (MetricStore store : stores.values()) {
      store.lock.writeLock().lock();
      try {
        store.close();
      } finally {
        store.lock.writeLock().unlock();
      }
    }
    try {
      log.close();
    } catch (IOException e) {
      throw new NsdbException(ErrorCode.STORAGE_FAILURE, "cannot close the commit log", e);
    }
  }

  /** Seals and commits everything, truncates the log, and closes. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    maintenance.shutdown();
    try {
      maintenance.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } finally {
      closed = true;
      for (MetricStore store : stores.values()) {
        withWriteLock(store, store::close);
      }
      try {
        log.close();
      } catch (IOException e) {
        throw new NsdbException(ErrorCode.STORAGE_FAILURE, "cannot close the commit log", e);
      }
    }
  }
}
