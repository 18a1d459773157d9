package io.nsdb.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the points into request bodies of at most {@code batchSize} points each, encoded before the
 * clock starts, so that the ingest measures the server and not the encoding. A subclass says how
 * one batch is written.
 */
abstract class RequestBatches implements PointSink {

  private final int batchSize;
  private final List<byte[]> bodies = new ArrayList<>();
  private int inBatch;
  private long points;

  RequestBatches(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive [batch=" + batchSize + "]");
    }
    this.batchSize = batchSize;
  }

  @Override
  public final void point(Series series, long timestampMs, long hundredths) {
    if (inBatch == batchSize) {
      bodies.add(endBatch());
      inBatch = 0;
    }
    add(series, timestampMs, hundredths, inBatch == 0);
    inBatch++;
    points++;
  }

  @Override
  public final void finish() {
    if (inBatch > 0) {
      bodies.add(endBatch());
      inBatch = 0;
    }
  }

  /** The request bodies, in point order. */
  final List<byte[]> bodies() {
    return bodies;
  }

  final long points() {
    return points;
  }

  /** Adds one point to the current batch; {@code first} when it opens the batch. */
  abstract void add(Series series, long timestampMs, long hundredths, boolean first);

  /** The current batch's body; the next point opens a new one. */
  abstract byte[] endBatch();

  /** The request path, with its query string. */
  abstract String path();

  abstract String contentType();
}
