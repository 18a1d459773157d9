package io.nsdb.core.commitlog;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Measures group commit: threads each append batches of bits under {@link SyncPolicy#ALWAYS} and
 * wait for each to be durable, as acknowledged writes do. Prints batches/s and how many batches
 * shared an fsync. Rough figures for one machine, not a benchmark harness.
 *
 * <pre>
 * ./mvnw -q -pl nsdb-core test-compile
 * java -cp nsdb-core/target/classes:nsdb-core/target/test-classes \
 *     io.nsdb.core.commitlog.GroupCommitBench [threads=8] [batchesPerThread=200] [bitsPerBatch=1000] [dir]
 * </pre>
 */
public final class GroupCommitBench {

  private static final MetricKey METRIC = new MetricKey("bench", "ns", "cpu");

  /** What one run measured. */
  record Result(int threads, int batches, int bitsPerBatch, long nanos, long fsyncs, long bytes) {

    double batchesPerSecond() {
      return batches * 1e9 / nanos;
    }

    @Override
    public String toString() {
      return String.format(
          "threads=%d batches=%d bits/batch=%d: %.0f batches/s, %.0f bits/s, %.1f MB/s,"
              + " fsyncs=%d (%.1f batches per fsync, %.2f ms per fsync round)",
          threads,
          batches,
          bitsPerBatch,
          batchesPerSecond(),
          batchesPerSecond() * bitsPerBatch,
          bytes * 1e9 / nanos / 1e6,
          fsyncs,
          (double) batches / fsyncs,
          nanos / 1e6 / fsyncs);
    }
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int bits = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Path base = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("nsdb-group-commit");
    System.out.println(
        "directory " + base + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
    System.out.println(run(base.resolve("single"), 1, batches, bits));
    System.out.println(run(base.resolve("group"), threads, batches, bits));
  }

  /** Runs in a fresh directory {@code dir}, which it deletes afterwards. */
  static Result run(Path dir, int threads, int batchesPerThread, int bitsPerBatch)
      throws Exception {
    List<LogEntry.Insert> batches = new ArrayList<>();
    Random random = new Random(42);
    for (int b = 0; b < 4; b++) {
      List<Bit> list = new ArrayList<>(bitsPerBatch);
      for (int i = 0; i < bitsPerBatch; i++) {
        list.add(
            new Bit(
                1_700_000_000_000L + i * 10L,
                random.nextDouble() * 100,
                Map.of("host", "host-" + random.nextInt(50), "region", "eu-" + random.nextInt(3)),
                Map.of("cpu", random.nextInt(8))));
      }
      batches.add(new LogEntry.Insert(METRIC, list));
    }
    CommitLogConfig config = CommitLogConfig.defaults().withSync(SyncPolicy.ALWAYS);
    try (CommitLog log = CommitLog.open(dir, config)) {
      long fsyncsBefore = log.fsyncCount();
      long bytesBefore = log.sizeInBytes();
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            Thread.ofPlatform()
                .name("group-commit-bench-" + t)
                .start(
                    () -> {
                      try {
                        start.await();
                        for (int b = 0; b < batchesPerThread; b++) {
                          log.awaitDurable(log.append(batches.get(b % batches.size())));
                        }
                      } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                      }
                    }));
      }
      long began = System.nanoTime();
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
      long nanos = System.nanoTime() - began;
      if (failure.get() != null) {
        throw new IllegalStateException("a writer failed", failure.get());
      }
      if (log.durableLsn() != log.nextLsn() - 1) {
        throw new IllegalStateException("not everything is durable");
      }
      return new Result(
          threads,
          threads * batchesPerThread,
          bitsPerBatch,
          nanos,
          log.fsyncCount() - fsyncsBefore,
          log.sizeInBytes() - bytesBefore);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }
}
