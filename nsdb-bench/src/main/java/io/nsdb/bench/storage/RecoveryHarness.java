package io.nsdb.bench.storage;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.model.Bit;
import io.nsdb.core.scan.SeriesFilter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Recovery time for a commit log of N records: a child JVM inserts the first N points of the
 * reference dataset, with chunks too large to seal so that every point is only in the head and the
 * log, and is killed with SIGKILL; then the storage is opened here, timed, and counted.
 *
 * <pre>
 * java -Xmx8g -cp nsdb-bench/target/benchmarks.jar io.nsdb.bench.storage.RecoveryHarness \
 *     /tmp/bench-data/cpu-10m.lp 1000000 /tmp/nsdb-recovery
 * </pre>
 */
public final class RecoveryHarness {

  private RecoveryHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("child")) {
      child(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      return;
    }
    Path file = Path.of(args[0]);
    int points = Integer.parseInt(args[1]);
    Path data = Path.of(args[2]);
    IngestHarness.deleteRecursively(data);
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g",
                "-cp",
                System.getProperty("java.class.path"),
                RecoveryHarness.class.getName(),
                "child",
                file.toString(),
                Integer.toString(points),
                data.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals("WRITTEN")) {
          break;
        }
      }
    }
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
    long logBytes = IngestHarness.size(data.resolve("commitlog"));

    long start = System.nanoTime();
    Storage storage = Storage.open(StorageConfig.defaults(data).withChunkMaxPoints(1 << 20));
    double seconds = (System.nanoTime() - start) / 1e9;
    long recovered =
        storage
            .scan(IngestHarness.CPU, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL)
            .countPoints(Long.MIN_VALUE, Long.MAX_VALUE);
    storage.close();
    System.out.printf(
        Locale.ROOT,
        "recovered %,d of %,d points from a %,d-byte commit log in %.2f s (%,.0f records/s)%n",
        recovered,
        points,
        logBytes,
        seconds,
        points / seconds);
  }

  private static void child(Path file, int points, Path data) throws Exception {
    List<List<Bit>> batches = LineProtocolFile.read(file, 10_000);
    Storage storage =
        Storage.open(
            StorageConfig.defaults(data)
                .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.ALWAYS))
                .withChunkMaxPoints(1 << 20));
    int written = 0;
    for (List<Bit> batch : batches) {
      if (written >= points) {
        break;
      }
      List<Bit> part = batch.subList(0, Math.min(batch.size(), points - written));
      storage.insert(IngestHarness.CPU, part);
      written += part.size();
    }
    System.out.println("WRITTEN");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
