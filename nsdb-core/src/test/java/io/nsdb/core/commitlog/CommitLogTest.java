package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.Logs.DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(SeededRandomExtension.class)
class CommitLogTest {

  private static final MetricKey METRIC = new MetricKey("db", "ns", "cpu");

  @ParameterizedTest
  @EnumSource(SyncPolicy.class)
  void roundTripAcrossRollsAndReopenOnDisk(SyncPolicy sync, Random random, @TempDir Path dir)
      throws IOException {
    CommitLogConfig config =
        CommitLogConfig.defaults().withSync(sync).withSegmentSize(1024 + random.nextInt(4096));
    roundTrip(dir.resolve("log"), config, random);
    try (Stream<Path> files = Files.list(dir.resolve("log"))) {
      assertTrue(files.count() > 1, "the log rolled");
    }
  }

  @Test
  void roundTripAcrossRollsAndReopenInMemory(Random random) throws IOException {
    CommitLogConfig config =
        Logs.memory(new MemoryFileIo(), SyncPolicy.ALWAYS, 256 + random.nextInt(4096));
    roundTrip(DIR, config, random);
  }

  private static void roundTrip(Path dir, CommitLogConfig config, Random random)
      throws IOException {
    RandomEntries entries = new RandomEntries(random);
    List<LoggedEntry> written = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      try (CommitLog log = CommitLog.open(dir, config)) {
        long next = written.isEmpty() ? 1 : written.getLast().lastLsn() + 1;
        assertEquals(next, log.nextLsn(), "next LSN after reopening");
        assertEquals(written, Logs.replay(log, 0));
        written.addAll(Logs.append(log, Logs.random(entries, 50 + random.nextInt(150))));
        log.awaitDurable(written.getLast().firstLsn());
        assertEquals(written, Logs.replay(log, 0), "replay of an open log");
        long after = random.nextLong(log.nextLsn());
        assertEquals(Logs.after(written, after), Logs.replay(log, after), "after " + after);
      }
    }
    try (CommitLog log = CommitLog.open(dir, config)) {
      assertTrue(log.segmentCount() > 1);
      for (int i = 0; i < 20; i++) {
        long after = random.nextLong(log.nextLsn() + 1);
        assertEquals(Logs.after(written, after), Logs.replay(log, after), "after " + after);
      }
    }
  }

  @Test
  void replayTrimsAnInsertToTheBitsAfterTheGivenLsn() throws IOException {
    try (CommitLog log = open(new MemoryFileIo(), SyncPolicy.NONE, 1 << 20)) {
      List<Bit> bits = List.of(Bit.of(1, 1L), Bit.of(2, 2L), Bit.of(3, 3L), Bit.of(4, 4L));
      assertEquals(1, log.append(new LogEntry.Insert(METRIC, bits)));
      assertEquals(5, log.append(new LogEntry.DropMetric(METRIC)));

      assertEquals(
          List.of(
              new LoggedEntry(3, new LogEntry.Insert(METRIC, bits.subList(2, 4))),
              new LoggedEntry(5, new LogEntry.DropMetric(METRIC))),
          Logs.replay(log, 2));
      assertEquals(
          List.of(new LoggedEntry(5, new LogEntry.DropMetric(METRIC))), Logs.replay(log, 4));
      assertEquals(List.of(), Logs.replay(log, 5));
    }
  }

  @Test
  void checkpointDeletesOnlyCoveredSegmentsAndNeverTheActiveOne(Random random) throws IOException {
    MemoryFileIo io = new MemoryFileIo();
    CommitLogConfig config = Logs.memory(io, SyncPolicy.ALWAYS, 512);
    List<LoggedEntry> written;
    try (CommitLog log = CommitLog.open(DIR, config)) {
      written = Logs.append(log, Logs.random(new RandomEntries(random), 200));
      List<Path> before = io.list(DIR);
      assertTrue(before.size() >= 4, "segments: " + before);

      // A segment goes only when the covered LSN reaches its last record.
      long firstOfThird = SegmentFormat.firstLsnOf(before.get(2));
      log.checkpoint(firstOfThird - 2);
      assertEquals(before.subList(1, before.size()), io.list(DIR));
      log.checkpoint(firstOfThird - 1);
      assertEquals(before.subList(2, before.size()), io.list(DIR));
      assertEquals(before.size() - 2, log.segmentCount());
      assertEquals(Logs.after(written, firstOfThird - 1), Logs.replay(log, 0));

      // The active segment stays while it holds anything not covered.
      long activeFirst = SegmentFormat.firstLsnOf(before.getLast());
      log.checkpoint(log.nextLsn() - 2);
      assertEquals(List.of(before.getLast()), io.list(DIR));
      assertEquals(activeFirst, SegmentFormat.firstLsnOf(io.list(DIR).getFirst()));

      assertThrows(IllegalArgumentException.class, () -> log.checkpoint(log.nextLsn()));
    }
  }

  @Test
  void lsnsContinueAfterEverySegmentWasCheckpointedAway(Random random) throws IOException {
    MemoryFileIo io = new MemoryFileIo();
    CommitLogConfig config = Logs.memory(io, SyncPolicy.ALWAYS, 512);
    long next;
    try (CommitLog log = CommitLog.open(DIR, config)) {
      Logs.append(log, Logs.random(new RandomEntries(random), 100));
      next = log.nextLsn();
      log.checkpoint(next - 1);
      assertEquals(1, log.segmentCount());
      assertEquals(SegmentFormat.HEADER_SIZE, log.sizeInBytes());
      assertEquals(List.of(DIR.resolve(SegmentFormat.fileName(next))), io.list(DIR));
      assertEquals(List.of(), Logs.replay(log, 0));
      log.checkpoint(next - 1); // nothing left to do
      assertEquals(1, log.segmentCount());
    }
    for (int i = 0; i < 2; i++) {
      try (CommitLog log = CommitLog.open(DIR, config)) {
        assertEquals(next, log.nextLsn());
        assertEquals(List.of(), Logs.replay(log, 0));
        assertEquals(next, log.append(new LogEntry.DropMetric(METRIC)));
        log.checkpoint(next);
        next++;
      }
    }
  }

  @Test
  void statsFollowTheLog(@TempDir Path dir) throws IOException {
    Path logDir = dir.resolve("log");
    try (CommitLog log = CommitLog.open(logDir, CommitLogConfig.defaults().withSegmentSize(200))) {
      assertEquals(1, log.nextLsn());
      assertEquals(0, log.durableLsn());
      assertEquals(1, log.segmentCount());
      assertEquals(SegmentFormat.HEADER_SIZE, log.sizeInBytes());
      long fsyncs = log.fsyncCount();

      long lsn = log.append(new LogEntry.Insert(METRIC, List.of(Bit.of(1, 1L), Bit.of(2, 2.0))));
      assertEquals(1, lsn);
      assertEquals(3, log.nextLsn());
      log.awaitDurable(lsn);
      assertEquals(2, log.durableLsn());
      assertEquals(fsyncs + 1, log.fsyncCount());
      log.awaitDurable(2); // already durable: no fsync
      assertEquals(fsyncs + 1, log.fsyncCount());

      for (int i = 0; i < 10; i++) {
        log.append(new LogEntry.Delete(METRIC, "timestamp < " + i));
      }
      assertTrue(log.segmentCount() > 1);
      long bytes = 0;
      try (Stream<Path> files = Files.list(logDir)) {
        for (Path file : files.toList()) {
          bytes += Files.size(file);
        }
      }
      assertEquals(bytes, log.sizeInBytes());
      assertEquals(logDir, log.directory());
    }
  }

  @Test
  void noneForcesOnlyOnRollAndClose() throws IOException {
    MemoryFileIo io = new MemoryFileIo();
    long durable;
    try (CommitLog log = open(io, SyncPolicy.NONE, 1 << 20)) {
      long lsn = log.append(new LogEntry.DropMetric(METRIC));
      long fsyncs = log.fsyncCount();
      log.awaitDurable(lsn);
      assertEquals(0, log.durableLsn());
      assertEquals(fsyncs, log.fsyncCount());
      durable = lsn;
    }
    try (CommitLog log = open(io, SyncPolicy.NONE, 1 << 20)) {
      assertEquals(durable, log.durableLsn());
    }
  }

  @Test
  void intervalForcesInTheBackground() throws Exception {
    MemoryFileIo io = new MemoryFileIo();
    CommitLogConfig config =
        Logs.memory(io, SyncPolicy.INTERVAL, 1 << 20).withSyncInterval(Duration.ofMillis(5));
    try (CommitLog log = CommitLog.open(DIR, config)) {
      long lsn = log.append(new LogEntry.DropMetric(METRIC));
      log.awaitDurable(lsn); // returns at once
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (log.durableLsn() < lsn && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(lsn, log.durableLsn(), "the background thread forced the record");
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().startsWith("nsdb-commitlog-sync-")),
          "a named sync thread");
    }
  }

  @Test
  void misuseIsRefusedClearly() throws IOException {
    CommitLog log = open(new MemoryFileIo(), SyncPolicy.ALWAYS, 1 << 20);
    assertThrows(IllegalArgumentException.class, () -> log.awaitDurable(1));
    assertThrows(IllegalArgumentException.class, () -> log.awaitDurable(0));
    long lsn = log.append(new LogEntry.DropMetric(METRIC));
    assertThrows(IllegalArgumentException.class, () -> log.awaitDurable(lsn + 1));
    log.close();
    log.close();
    log.awaitDurable(lsn); // durable since close
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> log.append(new LogEntry.DropMetric(METRIC)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> log.replay(0, x -> {}));
    assertThrows(
        IllegalArgumentException.class, () -> CommitLogConfig.defaults().withSegmentSize(10));
    assertThrows(
        IllegalArgumentException.class,
        () -> CommitLogConfig.defaults().withSyncInterval(Duration.ZERO));
  }

  @Test
  void aFailedFsyncFailsTheLogUntilItIsReopened() throws IOException {
    MemoryFileIo io = new MemoryFileIo();
    CommitLog log = open(io, SyncPolicy.ALWAYS, 1 << 20);
    long first = log.append(new LogEntry.DropMetric(METRIC));
    log.awaitDurable(first);
    long second = log.append(new LogEntry.DropMetric(METRIC));
    io.failNextForce();
    IOException e;
    try (QuietLog errors = new QuietLog()) {
      e = assertThrows(IOException.class, () -> log.awaitDurable(second));
      assertTrue(errors.take().getFirst().contains("the log is failed"));
    }
    assertEquals("simulated fsync failure", e.getMessage());
    IOException later =
        assertThrows(IOException.class, () -> log.append(new LogEntry.DropMetric(METRIC)));
    assertSame(e, later.getCause());
    assertThrows(IOException.class, () -> log.awaitDurable(second));
    log.close(); // closes without forcing

    try (CommitLog reopened = open(io, SyncPolicy.ALWAYS, 1 << 20)) {
      assertEquals(3, reopened.nextLsn());
      assertEquals(2, Logs.replay(reopened, 0).size());
    }
  }

  @Test
  void unknownFilesInTheDirectoryAreLeftAlone() throws IOException {
    MemoryFileIo io = new MemoryFileIo();
    try (CommitLog log = open(io, SyncPolicy.ALWAYS, 1 << 20)) {
      log.append(new LogEntry.DropMetric(METRIC));
    }
    io.setContents(DIR.resolve("README"), new byte[] {1, 2, 3});
    io.setContents(DIR.resolve("commitlog-1.log"), new byte[] {1, 2, 3});
    try (CommitLog log = open(io, SyncPolicy.ALWAYS, 1 << 20)) {
      assertEquals(2, log.nextLsn());
      assertEquals(1, log.segmentCount());
    }
    assertTrue(io.list(DIR).contains(DIR.resolve("README")));
  }

  @Test
  void segmentFileNamesSortLikeLsns() {
    assertEquals("commitlog-00000000000000000001.log", SegmentFormat.fileName(1));
    assertEquals(1, SegmentFormat.firstLsnOf(Path.of(SegmentFormat.fileName(1))));
    assertEquals(
        Long.MAX_VALUE, SegmentFormat.firstLsnOf(Path.of(SegmentFormat.fileName(Long.MAX_VALUE))));
    assertEquals(-1, SegmentFormat.firstLsnOf(Path.of("commitlog-0000000000000000000x.log")));
    assertEquals(-1, SegmentFormat.firstLsnOf(Path.of("commitlog-00000000000000000000.log")));
    assertEquals(-1, SegmentFormat.firstLsnOf(Path.of("commitlog-99999999999999999999.log")));
    assertFalse(SegmentFormat.fileName(9).compareTo(SegmentFormat.fileName(10)) > 0);
  }

  private static CommitLog open(MemoryFileIo io, SyncPolicy sync, long segmentSize)
      throws IOException {
    return CommitLog.open(DIR, Logs.memory(io, sync, segmentSize));
  }
}
