package io.nsdb.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.scan.PointCursor;
import io.nsdb.core.scan.Scan;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.scan.SeriesScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a writing child JVM with SIGKILL at random moments, again and again, on one data directory.
 * After every kill, every acknowledged batch must be present exactly once, and any other batch
 * found must be whole (all or nothing) and exactly once: nothing acknowledged is lost, nothing is
 * invented or duplicated.
 */
class StorageCrashTest {

  /**
   * Kills per sync policy. A SIGKILL leaves the OS page cache alone, so {@code interval} must lose
   * nothing acknowledged either; only a machine crash separates the policies.
   */
  private static final Map<SyncPolicy, Integer> KILLS =
      Map.of(SyncPolicy.ALWAYS, 20, SyncPolicy.INTERVAL, 5);

  @TempDir Path data;

  @ParameterizedTest
  @EnumSource(
      value = SyncPolicy.class,
      names = {"ALWAYS", "INTERVAL"})
  void killedWritersLoseNothingAcknowledged(SyncPolicy sync) throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    Random random = new Random(seed);
    Set<Long> acknowledged = new HashSet<>();
    for (int kill = 0; kill < KILLS.get(sync); kill++) {
      long firstBatch = kill * 1_000_000L;
      long acksBefore = acknowledged.size();
      runAndKill(firstBatch, 1 + random.nextInt(8), 150 + random.nextInt(600), sync, acknowledged);
      assertTrue(
          acknowledged.size() > acksBefore,
          "the child acknowledged nothing before the kill [seed=" + seed + ", kill=" + kill + "]");
      verify(acknowledged, "seed=" + seed + ", after kill " + (kill + 1));
    }
  }

  private void runAndKill(
      long firstBatch, int threads, long millis, SyncPolicy sync, Set<Long> acknowledged)
      throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWriter.class.getName(),
                data.toString(),
                Long.toString(firstBatch),
                Integer.toString(threads),
                sync.name())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = lines.readLine();
      assertEquals("READY", ready, "the child did not start");
      long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ACK ")) {
                      synchronized (acknowledged) {
                        acknowledged.add(Long.parseLong(line.substring(4)));
                      }
                    }
                  }
                } catch (IOException e) {
                  // the pipe breaks when the child dies
                }
              },
              "crash-test-ack-reader");
      reader.start();
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(killAt - System.nanoTime())));
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
      reader.join();
    } finally {
      child.destroyForcibly();
    }
  }

  private void verify(Set<Long> acknowledged, String context) {
    Storage storage =
        Storage.open(
            StorageConfig.defaults(data)
                .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.ALWAYS)));
    try {
      Map<Long, Integer> pointsPerBatch = new HashMap<>();
      Scan scan =
          storage.scan(CrashingWriter.METRIC, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL);
      for (SeriesScan series : scan.series()) {
        long batch = (Long) series.series().column("batch");
        PointCursor cursor = scan.cursor(series, Long.MIN_VALUE, Long.MAX_VALUE);
        while (cursor.next()) {
          assertEquals(
              batch, cursor.value() / 1_000, "a point not written by its batch [" + context + "]");
          pointsPerBatch.merge(batch, 1, Integer::sum);
        }
      }
      for (long batch : acknowledged) {
        assertEquals(
            CrashingWriter.BATCH_SIZE,
            pointsPerBatch.getOrDefault(batch, 0),
            "acknowledged batch " + batch + " [" + context + "]");
      }
      for (Map.Entry<Long, Integer> batch : pointsPerBatch.entrySet()) {
        assertEquals(
            CrashingWriter.BATCH_SIZE,
            batch.getValue(),
            "batch " + batch.getKey() + " is partial or duplicated [" + context + "]");
      }
    } finally {
      storage.abandon();
    }
  }
}
