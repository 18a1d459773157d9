package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.Logs.DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent writers, a machine crash at a random moment (everything not forced is lost, or a
 * random part of it kept), a reboot: every acknowledged record is there under its LSN, and nothing
 * is there that was not written.
 */
@ExtendWith(SeededRandomExtension.class)
class CrashTest {

  private static final MetricKey METRIC = new MetricKey("db", "ns", "cpu");
  private static final int WRITERS = 8;

  @ParameterizedTest
  @EnumSource(SyncPolicy.class)
  void acknowledgedWritesSurviveACrash(SyncPolicy sync, Random random) throws Exception {
    try (QuietLog quiet = new QuietLog()) {
      for (int round = 0; round < 12; round++) {
        crashAndRecover(sync, random, "round " + round);
        quiet.take();
      }
    }
  }

  private static void crashAndRecover(SyncPolicy sync, Random random, String round)
      throws Exception {
    MemoryFileIo io =
        new MemoryFileIo().forceDelay(TimeUnit.MICROSECONDS.toNanos(50 + random.nextInt(500)));
    CommitLogConfig config =
        Logs.memory(io, sync, 2048 + random.nextInt(64 * 1024))
            .withSyncInterval(java.time.Duration.ofMillis(1 + random.nextInt(5)));

    Set<LogEntry> submitted = ConcurrentHashMap.newKeySet();
    Map<Long, LogEntry> appended = new ConcurrentHashMap<>();
    Map<Long, LogEntry> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    CommitLog log = CommitLog.open(DIR, config);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Random own = new Random(random.nextLong());
      writers.add(
          Thread.ofPlatform()
              .name("crash-test-writer-" + w)
              .start(
                  () -> {
                    for (int seq = 0; !stop.get(); seq++) {
                      LogEntry entry = uniqueEntry(own, writer, seq);
                      submitted.add(entry);
                      try {
                        long lsn = log.append(entry);
                        appended.put(lsn, entry);
                        log.awaitDurable(lsn);
                        acknowledged.put(lsn, entry);
                      } catch (IOException | IllegalStateException e) {
                        return; // the crash
                      }
                    }
                  }));
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt(40)));
    long durableBeforeCrash = log.durableLsn();
    MemoryFileIo rebooted = io.crash(random);
    stop.set(true);
    for (Thread t : writers) {
      t.join();
    }
    try {
      log.close();
    } catch (IOException expected) {
      // the disk is gone
    }

    try (CommitLog recovered = CommitLog.open(DIR, config.withFileIo(rebooted))) {
      List<LoggedEntry> replayed = Logs.replay(recovered, 0);
      long next = 1;
      for (LoggedEntry e : replayed) {
        assertEquals(next, e.firstLsn(), round + ": LSNs follow on");
        next = e.lastLsn() + 1;
        assertTrue(submitted.contains(e.entry()), round + ": an entry nobody wrote: " + e);
        LogEntry atLsn = appended.get(e.firstLsn());
        if (atLsn != null) {
          assertEquals(atLsn, e.entry(), round + ": entry at LSN " + e.firstLsn());
        }
      }
      assertEquals(next, recovered.nextLsn(), round);
      assertTrue(
          next - 1 >= durableBeforeCrash,
          round
              + ": lost durable LSNs [durable="
              + durableBeforeCrash
              + ", recovered="
              + (next - 1)
              + "]");
      if (sync == SyncPolicy.ALWAYS) {
        Map<Long, LogEntry> byLsn = new java.util.HashMap<>();
        replayed.forEach(e -> byLsn.put(e.firstLsn(), e.entry()));
        acknowledged.forEach(
            (lsn, entry) -> {
              LogEntry found = byLsn.get(lsn);
              assertNotNull(found, round + ": acknowledged LSN " + lsn + " lost");
              assertEquals(entry, found, round + ": acknowledged LSN " + lsn);
            });
      }
      LogEntry after = new LogEntry.DropMetric(METRIC);
      assertEquals(next, recovered.append(after), round + ": LSNs continue after recovery");
    }
  }

  /** An entry no other writer or sequence number produces, so the test can tell them apart. */
  private static LogEntry uniqueEntry(Random random, int writer, int seq) {
    if (random.nextInt(10) == 0) {
      return new LogEntry.Delete(METRIC, "writer = " + writer + " AND seq = " + seq);
    }
    int n = 1 + random.nextInt(30);
    List<Bit> bits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bits.add(
          new Bit(
              1_700_000_000_000L + seq * 1000L + i,
              random.nextDouble(),
              Map.of("writer", writer, "seq", seq, "host", "host-" + random.nextInt(10)),
              Map.of("region", "r" + random.nextInt(3))));
    }
    return new LogEntry.Insert(METRIC, bits);
  }
}
