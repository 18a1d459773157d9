package io.nsdb.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-over point of continuous queries: a metric's writes held while work runs. */
class StorageHoldingWritesTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final MetricKey MEM = new MetricKey("db", "ns", "mem");

  @TempDir Path data;
  private Storage storage;

  @BeforeEach
  void open() {
    storage =
        Storage.open(
            StorageConfig.defaults(data)
                .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE)));
    storage.insert(CPU, List.of(bit(1)));
    storage.insert(MEM, List.of(bit(1)));
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static Bit bit(long timestamp) {
    return new Bit(timestamp, 1L, Map.of("host", "a"), Map.of());
  }

  @Test
  void anInsertIntoTheHeldMetricWaitsAndOtherMetricsDoNot() throws Exception {
    CompletableFuture<Long> cpuInsert = new CompletableFuture<>();
    Thread cpuWriter =
        new Thread(() -> cpuInsert.complete(storage.insert(CPU, List.of(bit(2)))), "cpu-writer");
    long[] seenInside = new long[3];
    storage.holdingWrites(
        CPU,
        () -> {
          long lsnBefore = storage.lastLsn();
          // Another metric is written while CPU is held.
          long memLsn =
              CompletableFuture.supplyAsync(() -> storage.insert(MEM, List.of(bit(2))))
                  .orTimeout(20, TimeUnit.SECONDS)
                  .join();
          cpuWriter.start();
          // The CPU writer parks on the metric's lock: it has no LSN and nothing is readable.
          awaitParked(cpuWriter);
          seenInside[0] = storage.countPoints(CPU);
          seenInside[1] = storage.lastLsn();
          seenInside[2] = memLsn - lsnBefore;
          return null;
        });
    assertEquals(1, seenInside[0], "the held metric's insert is not applied while held");
    assertEquals(1, seenInside[2], "the other metric's insert got the next LSN at once");
    long cpuLsn = cpuInsert.get(20, TimeUnit.SECONDS);
    assertEquals(seenInside[1] + 1, cpuLsn, "the held insert got its LSN after the hold");
    assertEquals(2, storage.countPoints(CPU));
  }

  @Test
  void readsInsideTheHoldSeeEveryWriteUpToLastLsn() {
    storage.insert(CPU, List.of(bit(2), bit(3)));
    long points = storage.holdingWrites(CPU, () -> storage.countPoints(CPU));
    assertEquals(3, points);
  }

  @Test
  void anUnknownMetricIsRefusedWithItsCode() {
    NsdbException error =
        assertThrows(
            NsdbException.class,
            () -> storage.holdingWrites(new MetricKey("db", "ns", "nope"), () -> null));
    assertEquals(ErrorCode.UNKNOWN_METRIC, error.code());
  }

  /** Waits (up to 20 s) until {@code thread} is parked waiting for a lock. */
  private static void awaitParked(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (thread.getState() != Thread.State.WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the writer never waited for the held metric");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aListenerThatHoldsTheWriterHoldsOnlyItsAcknowledgementNotReaders() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    storage.setWriteListener(
        new WriteListener() {
          @Override
          public void written(MetricKey metric, List<Bit> bits, long firstLsn) {}

          @Override
          public void awaitCaughtUp() {
            try {
              release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    CompletableFuture<Long> insert =
        CompletableFuture.supplyAsync(() -> storage.insert(CPU, List.of(bit(2))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (storage.countPoints(CPU) < 2) { // applied, and readable while its writer is held
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the held insert was never applied");
      }
      Thread.onSpinWait();
    }
    assertEquals(false, insert.isDone(), "not acknowledged while the listener holds it");
    release.countDown();
    assertEquals(storage.lastLsn(), insert.get(20, TimeUnit.SECONDS));
  }
}
