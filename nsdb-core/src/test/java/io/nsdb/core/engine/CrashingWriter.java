package io.nsdb.core.engine;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link StorageCrashTest}: opens the storage and inserts batches from several
 * threads until it is killed, printing {@code ACK <batch>} for each batch once {@code insert}
 * returned, i.e. once it is acknowledged.
 *
 * <p>Arguments: data directory, first batch id, writer threads, sync policy.
 */
public final class CrashingWriter {

  static final MetricKey METRIC = new MetricKey("crash", "test", "points");
  static final int BATCH_SIZE = 40;

  private CrashingWriter() {}

  public static void main(String[] args) throws InterruptedException {
    Path data = Path.of(args[0]);
    AtomicLong nextBatch = new AtomicLong(Long.parseLong(args[1]));
    int threads = Integer.parseInt(args[2]);
    SyncPolicy sync = SyncPolicy.valueOf(args[3]);
    Storage storage =
        Storage.open(
            StorageConfig.defaults(data)
                .withCommitLog(CommitLogConfig.defaults().withSync(sync))
                .withChunkMaxPoints(64));
    PrintStream out = System.out;
    synchronized (out) {
      out.println("READY");
      out.flush();
    }
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread writer =
          new Thread(
              () -> {
                while (true) {
                  long batch = nextBatch.getAndIncrement();
                  storage.insert(METRIC, batch(batch));
                  synchronized (out) {
                    out.println("ACK " + batch);
                    out.flush();
                  }
                }
              },
              "crashing-writer-" + t);
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join();
    }
  }

  /** Batch {@code id}: points tagged with their batch, spread over a few series, out of order. */
  static List<Bit> batch(long id) {
    List<Bit> bits = new ArrayList<>(BATCH_SIZE);
    for (int i = 0; i < BATCH_SIZE; i++) {
      long timestamp = (id * 37 + i * 7_919L) % 200_000;
      bits.add(
          new Bit(timestamp, id * 1_000 + i, Map.of("host", "h" + (i % 5), "batch", id), Map.of()));
    }
    return bits;
  }
}
