package io.nsdb.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.scan.SeriesFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background work: stale head buffers are sealed, metrics commit, and commit-log segments
 * wholly covered by Lucene commits are deleted, all without losing or duplicating a point.
 */
class StorageMaintenanceTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");

  @TempDir Path data;

  @Test
  void coveredSegmentsAreDeletedAndStaleBuffersSealed() throws InterruptedException {
    StorageConfig config =
        StorageConfig.defaults(data)
            .withCommitLog(
                CommitLogConfig.defaults().withSync(SyncPolicy.NONE).withSegmentSize(2_048))
            .withChunkMaxPoints(50)
            .withMaintenance(
                Duration.ofMillis(200),
                Duration.ofMillis(100),
                Duration.ofMillis(50),
                Duration.ofMinutes(1));
    try (Storage storage = Storage.open(config)) {
      for (int batch = 0; batch < 40; batch++) {
        List<Bit> bits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          bits.add(new Bit(batch * 200L + i, (long) i, Map.of("host", "h" + (i % 3)), Map.of()));
        }
        storage.insert(CPU, bits);
      }
      // Points of the first batches are still only in the head (younger than the flush interval),
      // so the log keeps every segment since.
      assertTrue(storage.stats().logSegments() > 3, "the small segment size made several");

      awaitUntil(
          () -> storage.stats().headPoints() == 0 && storage.stats().logSegments() == 1,
          "every buffer sealed and every covered segment deleted");

      assertEquals(
          8_000,
          storage
              .scan(CPU, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL)
              .countPoints(Long.MIN_VALUE, Long.MAX_VALUE));
      storage.abandon();
    }
    try (Storage reopened = Storage.open(config)) {
      assertEquals(
          8_000,
          reopened
              .scan(CPU, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL)
              .countPoints(Long.MIN_VALUE, Long.MAX_VALUE),
          "after a crash with the log truncated, every point comes from the shards, once");
    }
  }

  /** Polls a condition the background thread brings about, failing after a generous deadline. */
  private static void awaitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(20);
    }
  }
}
