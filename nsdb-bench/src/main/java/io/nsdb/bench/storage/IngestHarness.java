package io.nsdb.bench.storage;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.engine.StorageStats;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.scan.SeriesFilter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Embedded ingest of the reference dataset: points/s with the chosen sync policy and writer count,
 * peak heap, the head's memory per series, bytes per point on disk after a clean close.
 *
 * <pre>
 * java -Xmx8g -cp nsdb-bench/target/benchmarks.jar io.nsdb.bench.storage.IngestHarness \
 *     /tmp/bench-data/cpu-10m.lp interval 2 /tmp/nsdb-ingest
 * </pre>
 *
 * Arguments: the line-protocol file of gen_data.py, the sync policy (always, interval, none), the
 * number of concurrent writers, and a data directory (emptied first).
 */
public final class IngestHarness {

  static final MetricKey CPU = new MetricKey("bench", "reference", "cpu");
  private static final int BATCH_SIZE = 10_000;

  private IngestHarness() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    SyncPolicy sync = SyncPolicy.valueOf(args[1].toUpperCase(Locale.ROOT));
    int writers = Integer.parseInt(args[2]);
    Path data = Path.of(args[3]);
    deleteRecursively(data);

    long parseStart = System.nanoTime();
    List<List<Bit>> batches = LineProtocolFile.read(file, BATCH_SIZE);
    long points = batches.stream().mapToLong(List::size).sum();
    System.out.printf(
        Locale.ROOT,
        "read %,d points in %,d batches in %.1f s (not timed below)%n",
        points,
        batches.size(),
        (System.nanoTime() - parseStart) / 1e9);
    System.gc();

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    Storage storage =
        Storage.open(
            StorageConfig.defaults(data).withCommitLog(CommitLogConfig.defaults().withSync(sync)));
    AtomicLong peakHeap = new AtomicLong();
    AtomicLong peakHeadBytes = new AtomicLong();
    AtomicLong peakHeadBuffers = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                StorageStats stats = storage.stats();
                if (stats.headBytes() > peakHeadBytes.get()) {
                  peakHeadBytes.set(stats.headBytes());
                  peakHeadBuffers.set(stats.headBuffers());
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "ingest-sampler");
    sampler.setDaemon(true);
    sampler.start();

    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement();
                    i < batches.size();
                    i = next.getAndIncrement()) {
                  storage.insert(CPU, batches.get(i));
                }
              },
              "ingest-writer-" + w);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long counted =
        storage
            .scan(CPU, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL)
            .countPoints(Long.MIN_VALUE, Long.MAX_VALUE);
    StorageStats stats = storage.stats();
    long closeStart = System.nanoTime();
    storage.close();
    double closeSeconds = (System.nanoTime() - closeStart) / 1e9;
    sampler.interrupt();

    long total = size(data);
    long metrics = size(data.resolve("metrics"));
    System.out.printf(
        Locale.ROOT,
        "sync=%s writers=%d points=%,d acknowledged in %.2f s: %,.0f points/s; all %,d readable"
            + " at once: %s%n",
        sync,
        writers,
        points,
        seconds,
        points / seconds,
        counted,
        counted == points);
    System.out.printf(
        Locale.ROOT,
        "fsyncs=%,d log segments=%d; close (seal, commit) took %.2f s%n",
        stats.fsyncs(),
        stats.logSegments(),
        closeSeconds);
    System.out.printf(
        Locale.ROOT,
        "peak heap %,d MiB (input batches held: %,d MiB before opening); head peak %,d KiB over %,d"
            + " series buffers = %,.0f bytes per active series%n",
        peakHeap.get() >> 20,
        heapBefore >> 20,
        peakHeadBytes.get() >> 10,
        peakHeadBuffers.get(),
        peakHeadBuffers.get() == 0 ? 0.0 : (double) peakHeadBytes.get() / peakHeadBuffers.get());
    System.out.printf(
        Locale.ROOT,
        "on disk after close: %,d bytes in all = %.3f bytes/point; shards alone %.3f bytes/point%n",
        total,
        (double) total / points,
        (double) metrics / points);
  }

  static long size(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
