package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.SegmentFormat.HEADER_SIZE;

import io.nsdb.core.commitlog.LogEntry.Insert;
import io.nsdb.core.commitlog.SegmentReader.End;
import io.nsdb.core.commitlog.SegmentReader.Invalid;
import io.nsdb.core.commitlog.SegmentReader.Valid;
import io.nsdb.core.io.FileHandle;
import io.nsdb.core.io.FileIo;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The write-ahead log: every accepted change is appended here, gets its LSNs, and is made durable
 * according to the {@link SyncPolicy} before it is acknowledged. After a crash, {@link #open}
 * recovers the directory and {@link #replay} hands back what the indexes do not cover yet.
 *
 * <pre>{@code
 * long lsn = log.append(new LogEntry.Insert(metric, bits)); // bit i gets LSN lsn + i
 * log.awaitDurable(lsn);                                     // then acknowledge
 * }</pre>
 *
 * <p>Thread-safe: many threads may append and await at once. Appends are serialised (each record is
 * written whole, in LSN order); under {@link SyncPolicy#ALWAYS} the threads waiting in {@link
 * #awaitDurable} share fsyncs: one of them forces the file for all records written so far while the
 * others wait, so concurrent writers share each fsync instead of paying one each.
 *
 * <p>Any I/O error while writing or forcing fails the log for good (later calls throw it as the
 * cause): the state of the file after a failed write or fsync is unknown, and only {@link #open}
 * establishes it again.
 */
public final class CommitLog implements Closeable {

  private static final System.Logger LOG = System.getLogger(CommitLog.class.getName());

  private final Path dir;
  private final CommitLogConfig config;
  private final FileIo io;

  /** Serialises appends, rolls and changes to {@link #segments}. */
  private final ReentrantLock writeLock = new ReentrantLock();

  /**
   * Held by the one thread that forces the active segment: a waiter in {@link #awaitDurable} (the
   * leader, forcing for every record written so far), the interval thread, or {@link #close}.
   */
  private final ReentrantLock syncLock = new ReentrantLock();

  /**
   * Threads parked in {@link #awaitDurable} while another forces. Releasing {@link #syncLock} wakes
   * them all at once; queueing on the lock instead would wake them one after the other, and the
   * next leader would start its fsync before most of them had appended again.
   */
  private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();

  /** Replays read segment files (shared) while a checkpoint deletes them (exclusive). */
  private final ReentrantReadWriteLock filesLock = new ReentrantReadWriteLock();

  /** Oldest first; the last one is {@link #active}. Replaced, never mutated. */
  private volatile List<Segment> segments;

  private volatile Segment active;
  private volatile long nextLsn;
  private final AtomicLong durableLsn;
  private final LongAdder fsyncs;
  private volatile IOException failure;
  private volatile boolean closed;
  private final ScheduledExecutorService syncer;

  private CommitLog(Path dir, CommitLogConfig config, List<Segment> segments, LongAdder fsyncs) {
    this.dir = dir;
    this.config = config;
    this.io = config.fileIo();
    this.segments = List.copyOf(segments);
    this.active = segments.getLast();
    this.nextLsn = active.lastLsn() + 1;
    this.durableLsn = new AtomicLong(nextLsn - 1); // recovery forced the newest segment
    this.fsyncs = fsyncs;
    if (config.sync() == SyncPolicy.INTERVAL) {
      String name = "nsdb-commitlog-sync-" + dir.getFileName();
      syncer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
              });
      long interval = config.syncInterval().toNanos();
      syncer.scheduleWithFixedDelay(this::backgroundSync, interval, interval, TimeUnit.NANOSECONDS);
    } else {
      syncer = null;
    }
  }

  /**
   * Opens the log in {@code dir} (created if missing), recovering it: a torn tail of the newest
   * segment is cut off and logged; anything else wrong stops the opening.
   *
   * @throws CorruptCommitLogException if a segment is damaged other than by a torn last write
   */
  public static CommitLog open(Path dir, CommitLogConfig config) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(config, "config");
    LongAdder fsyncs = new LongAdder();
    List<Segment> segments = Recovery.recover(config.fileIo(), dir, fsyncs);
    return new CommitLog(dir, config, segments, fsyncs);
  }

  /**
   * Writes an entry to the log (into the OS page cache: a crash of the process alone cannot lose
   * it) and returns its first LSN; an insert's bit {@code i} has LSN {@code first + i}. Call {@link
   * #awaitDurable} with it before acknowledging.
   *
   * @throws IllegalArgumentException if the entry cannot be encoded (too large, or a string with an
   *     unpaired surrogate)
   * @throws IOException if writing failed; the log is then failed
   */
  public long append(LogEntry entry) throws IOException {
    Objects.requireNonNull(entry, "entry");
    byte[] record = SegmentFormat.record(entry);
    writeLock.lock();
    try {
      checkUsable();
      Segment segment = active;
      if (segment.hasRecords() && segment.size() + record.length > config.segmentSize()) {
        segment = roll();
      }
      long first = nextLsn;
      long last = Math.addExact(first, entry.lsnCount() - 1L);
      SegmentFormat.seal(record, first);
      try {
        segment.append(record, last);
      } catch (IOException e) {
        throw fail(e);
      }
      nextLsn = last + 1;
      return first;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Returns once the record holding {@code lsn} is as durable as the policy promises: forced to
   * disk under {@link SyncPolicy#ALWAYS}; at once under the other policies.
   *
   * @throws IllegalArgumentException if no record with that LSN was appended
   * @throws IOException if forcing failed; the log is then failed
   */
  public void awaitDurable(long lsn) throws IOException {
    if (lsn < 1 || lsn >= nextLsn) {
      throw new IllegalArgumentException(
          "no record with this LSN was appended [lsn=" + lsn + ", nextLsn=" + nextLsn + "]");
    }
    while (durableLsn.get() < lsn) {
      if (config.sync() != SyncPolicy.ALWAYS) {
        checkUsable();
        return;
      }
      if (syncLock.tryLock()) {
        try {
          if (durableLsn.get() < lsn) {
            checkUsable();
            forceActive();
          }
        } finally {
          releaseSyncLock();
        }
      } else {
        Thread self = Thread.currentThread();
        waiters.add(self);
        try {
          // Registered before looking: a release after this look will unpark us.
          if (durableLsn.get() < lsn && syncLock.isLocked()) {
            LockSupport.park(this);
          }
        } finally {
          waiters.remove(self);
        }
      }
    }
  }

  private void releaseSyncLock() {
    syncLock.unlock();
    for (Thread waiter : waiters) {
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Calls {@code consumer} with every entry holding LSNs after {@code afterLsn}, in LSN order. An
   * insert that straddles {@code afterLsn} comes trimmed to its bits after it, so every LSN after
   * {@code afterLsn} is seen exactly once. Entries appended during the replay may or may not be
   * included. The consumer must not call {@link #checkpoint}.
   *
   * @throws CorruptCommitLogException if a record no longer reads back as it did at opening
   */
  public void replay(long afterLsn, Consumer<LoggedEntry> consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer");
    filesLock.readLock().lock();
    try {
      List<Segment> snapshot;
      long activeSize;
      writeLock.lock();
      try {
        checkUsable();
        snapshot = segments;
        activeSize = active.size();
      } finally {
        writeLock.unlock();
      }
      for (Segment segment : snapshot) {
        boolean last = segment == snapshot.getLast();
        if (segment.lastLsn() > afterLsn) {
          replay(segment, last ? activeSize : segment.size(), afterLsn, consumer);
        }
      }
    } finally {
      filesLock.readLock().unlock();
    }
  }

  private void replay(Segment segment, long limit, long afterLsn, Consumer<LoggedEntry> consumer)
      throws IOException {
    try (FileHandle handle = io.open(segment.file, false)) {
      SegmentReader reader = new SegmentReader(handle, segment.file, limit);
      if (limit < HEADER_SIZE) {
        throw new CorruptCommitLogException(
            "segment shorter than its header",
            segment.file,
            limit,
            HEADER_SIZE + " bytes",
            limit + " bytes");
      }
      SegmentFormat.checkHeader(reader.bytes(0, HEADER_SIZE), segment.file, segment.firstLsn);
      long offset = HEADER_SIZE;
      long expectedLsn = segment.firstLsn;
      while (true) {
        switch (reader.read(offset, expectedLsn)) {
          case Valid record -> {
            if (record.lastLsn() > afterLsn) {
              consumer.accept(trim(decode(record, segment.file), afterLsn));
            }
            offset = record.end();
            expectedLsn = record.lastLsn() + 1;
          }
          case End end -> {
            return;
          }
          case Invalid bad ->
              throw new CorruptCommitLogException(
                  bad.what() + " (the segment changed since the log was opened)",
                  segment.file,
                  bad.offset(),
                  bad.expected(),
                  bad.found());
        }
      }
    }
  }

  private static LoggedEntry decode(Valid record, Path file) throws CorruptCommitLogException {
    try {
      Bytes.In in = new Bytes.In(record.bytes(), record.payloadStart(), record.bytes().length);
      return new LoggedEntry(
          record.lsn(), EntryCodec.readPayload(record.type(), record.lsnCount(), in));
    } catch (Bytes.MalformedException e) {
      throw new CorruptCommitLogException(
          "record passes its checksum but does not decode",
          file,
          record.offset(),
          "a valid entry",
          e.getMessage(),
          e);
    }
  }

  private static LoggedEntry trim(LoggedEntry logged, long afterLsn) {
    if (logged.firstLsn() > afterLsn) {
      return logged;
    }
    Insert insert = (Insert) logged.entry(); // only an insert spans several LSNs
    int skip = (int) (afterLsn - logged.firstLsn() + 1);
    return new LoggedEntry(
        afterLsn + 1,
        new Insert(insert.metric(), insert.bits().subList(skip, insert.bits().size())));
  }

  /**
   * Deletes the segments whose every record has an LSN of at most {@code coveredLsn} (the indexes
   * hold them durably). If that is true of the active segment too, the log first rolls to a new,
   * empty segment, whose header keeps the next LSN.
   *
   * @throws IllegalArgumentException if {@code coveredLsn} was not appended yet
   */
  public void checkpoint(long coveredLsn) throws IOException {
    if (filesLock.getReadHoldCount() > 0) {
      throw new IllegalStateException("checkpoint called from a replay consumer");
    }
    filesLock.writeLock().lock();
    try {
      List<Segment> covered = new ArrayList<>();
      writeLock.lock();
      try {
        checkUsable();
        if (coveredLsn >= nextLsn) {
          throw new IllegalArgumentException(
              "cannot cover LSNs not appended yet [coveredLsn="
                  + coveredLsn
                  + ", nextLsn="
                  + nextLsn
                  + "]");
        }
        if (active.hasRecords() && active.lastLsn() <= coveredLsn) {
          roll();
        }
        for (Segment segment : segments) {
          if (segment == active || segment.lastLsn() > coveredLsn) {
            break;
          }
          covered.add(segment);
        }
      } finally {
        writeLock.unlock();
      }
      // Oldest first, each deletion durable before the next: a crash leaves a gap-free suffix.
      for (Segment segment : covered) {
        io.delete(segment.file);
        writeLock.lock();
        try {
          segments = List.copyOf(segments.subList(1, segments.size()));
        } finally {
          writeLock.unlock();
        }
        io.syncDirectory(dir);
        fsyncs.increment();
      }
    } finally {
      filesLock.writeLock().unlock();
    }
  }

  /** Forces and closes the log. After a failure it only closes. Idempotent. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      writeLock.unlock();
    }
    if (syncer != null) {
      syncer.shutdown();
      try {
        if (!syncer.awaitTermination(1, TimeUnit.MINUTES)) {
          LOG.log(Level.WARNING, "commit log: the sync thread did not stop [dir=" + dir + "]");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    syncLock.lock();
    try {
      IOException error = null;
      if (failure == null) {
        try {
          forceActive();
        } catch (IOException e) {
          error = e;
        }
      }
      for (Segment segment : segments) {
        try {
          segment.close();
        } catch (IOException e) {
          if (error == null) {
            error = e;
          } else {
            error.addSuppressed(e);
          }
        }
      }
      if (error != null) {
        throw error;
      }
    } finally {
      releaseSyncLock();
    }
  }

  /** The LSN the next appended entry will get. */
  public long nextLsn() {
    return nextLsn;
  }

  /**
   * Every LSN up to this one is forced to disk. Under {@link SyncPolicy#NONE} it moves only on
   * rolls and close.
   */
  public long durableLsn() {
    return durableLsn.get();
  }

  /** How many fsyncs (of segment files and of the directory) this log has made since it opened. */
  public long fsyncCount() {
    return fsyncs.sum();
  }

  public int segmentCount() {
    return segments.size();
  }

  /** The size of all segment files, headers included. */
  public long sizeInBytes() {
    long bytes = 0;
    for (Segment segment : segments) {
      bytes += segment.size();
    }
    return bytes;
  }

  public Path directory() {
    return dir;
  }

  public CommitLogConfig config() {
    return config;
  }

  /** Seals the active segment (forced, closed) and starts the next. Holds {@link #writeLock}. */
  private Segment roll() throws IOException {
    Segment old = active;
    try {
      if (old.force()) {
        fsyncs.increment();
      }
      durableLsn.accumulateAndGet(old.lastLsn(), Math::max);
      old.close();
      Segment fresh = Segment.create(io, dir, nextLsn, fsyncs);
      List<Segment> next = new ArrayList<>(segments);
      next.add(fresh);
      segments = List.copyOf(next);
      active = fresh; // last: a syncing thread that sees it knows the older segments are forced
      return fresh;
    } catch (IOException e) {
      throw fail(e);
    }
  }

  /**
   * Forces the active segment and advances {@link #durableLsn} to what it covers. Holds {@link
   * #syncLock}. The records of older segments are forced already: a roll forces before it switches.
   */
  private void forceActive() throws IOException {
    Segment segment = active;
    long target = segment.lastLsn();
    if (target <= durableLsn.get()) {
      return;
    }
    try {
      if (segment.force()) {
        fsyncs.increment();
      }
    } catch (IOException e) {
      throw fail(e);
    }
    durableLsn.accumulateAndGet(target, Math::max);
  }

  private void backgroundSync() {
    syncLock.lock();
    try {
      if (!closed && failure == null) {
        forceActive();
      }
    } catch (IOException e) {
      LOG.log(
          Level.ERROR,
          "commit log: background fsync failed; the log is failed [dir=" + dir + "]",
          e);
    } finally {
      releaseSyncLock();
    }
  }

  private void checkUsable() throws IOException {
    IOException failed = failure;
    if (failed != null) {
      throw new IOException(
          "the commit log failed and accepts nothing until it is reopened [dir=" + dir + "]",
          failed);
    }
    if (closed) {
      throw new IllegalStateException("the commit log is closed [dir=" + dir + "]");
    }
  }

  private IOException fail(IOException e) {
    synchronized (this) {
      if (failure == null) {
        failure = e;
        LOG.log(Level.ERROR, "commit log: I/O failed; the log is failed [dir=" + dir + "]", e);
      }
    }
    return e;
  }
}
