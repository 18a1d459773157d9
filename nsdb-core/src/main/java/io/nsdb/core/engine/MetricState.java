package io.nsdb.core.engine;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.catalog.MetadataFile;
import io.nsdb.core.model.MetricKey;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A metric's covered LSN on disk, in {@code data/state/<db>/<ns>/<metric>.meta} (a {@link
 * MetadataFile} whose payload is one big-endian long). It outlives a dropped metric, so that
 * replaying the log never undoes a drop.
 */
final class MetricState {

  private static final String FORMAT = "metric-state";
  private static final int VERSION = 1;

  private MetricState() {}

  static Path file(Path dataDir, MetricKey metric) {
    return dataDir
        .resolve("state")
        .resolve(metric.db())
        .resolve(metric.namespace())
        .resolve(metric.metric() + ".meta");
  }

  /** The covered LSN recorded for the metric, 0 if none was. */
  static long read(Path dataDir, MetricKey metric) {
    Path file = file(dataDir, metric);
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] payload = MetadataFile.read(file, FORMAT, VERSION);
    if (payload.length != Long.BYTES) {
      throw new NsdbException(
          ErrorCode.CORRUPT_DATA,
          "metric state of the wrong length [file=" + file + ", length=" + payload.length + "]");
    }
    return ByteBuffer.wrap(payload).getLong();
  }

  static void write(Path dataDir, MetricKey metric, long coveredLsn) {
    MetadataFile.write(
        file(dataDir, metric),
        FORMAT,
        VERSION,
        ByteBuffer.allocate(Long.BYTES).putLong(coveredLsn).array());
  }
}
