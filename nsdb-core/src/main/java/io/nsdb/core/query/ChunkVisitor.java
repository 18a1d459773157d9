package io.nsdb.core.query;

import io.nsdb.core.codec.ChunkCodec;
import io.nsdb.core.codec.ChunkDecoder;
import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.head.SortedPoints;
import io.nsdb.core.predicate.PointPredicate;
import io.nsdb.core.scan.ChunkSource;
import io.nsdb.core.scan.Scan;
import io.nsdb.core.scan.SeriesScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Walks the chunks of a scan, handing each either whole, as its summary (when the chunk lies inside
 * the range, no residual predicate applies and the handler can use it), or point by point, with the
 * range and the residual applied and values decoded only as far as the range needs.
 */
final class ChunkVisitor {

  /** What a query does with what the scan holds. */
  interface Handler {
    /** Whether this chunk's summary answers for its points here. */
    boolean takesSummary(SeriesKey series, ChunkSummary summary);

    void summary(SeriesKey series, ChunkSummary summary);

    void point(SeriesKey series, long timestamp, long value);

    /**
     * Whether a sealed chunk can be passed over unread because none of its points could change the
     * answer (a LIMIT already holds better rows); checked before anything else.
     */
    default boolean skips(SeriesKey series, ChunkSummary summary) {
      return false;
    }
  }

  private final TimeRange range;
  private final Optional<PointPredicate> residual;
  private final Deadline deadline;
  private final ChunkDecoder decoder = ChunkCodec.decoder();

  ChunkVisitor(TimeRange range, Optional<PointPredicate> residual, Deadline deadline) {
    this.range = range;
    this.residual = residual;
    this.deadline = deadline;
  }

  void visit(Scan scan, Handler handler) {
    visit(scan, handler, null);
  }

  /**
   * Visits each series' chunks in {@code order} (or as the scan lists them, when null): an
   * aggregation whose result does not depend on the order can ask for the one that lets it skip the
   * most, e.g. newest first for last().
   */
  void visit(Scan scan, Handler handler, Comparator<ChunkSource> order) {
    for (SeriesScan series : scan.series()) {
      SeriesKey key = series.series();
      List<ChunkSource> chunks = series.chunks();
      if (order != null) {
        chunks = new ArrayList<>(chunks);
        chunks.sort(order);
      }
      for (ChunkSource chunk : chunks) {
        deadline.check();
        if (chunk.maxTimestamp() < range.from() || chunk.minTimestamp() > range.to()) {
          continue;
        }
        switch (chunk) {
          case ChunkSource.Sealed sealed -> {
            ChunkSummary summary = sealed.record().summary();
            if (handler.skips(key, summary)) {
              continue;
            }
            if (residual.isEmpty()
                && sealed.within(range.from(), range.to())
                && handler.takesSummary(key, summary)) {
              handler.summary(key, summary);
            } else {
              decoder.reset(sealed.record().points());
              decoder.seek(range.from());
              while (decoder.next() && decoder.timestamp() <= range.to()) {
                offer(handler, key, decoder.timestamp(), decoder.rawValue());
              }
            }
          }
          case ChunkSource.Head head -> {
            SortedPoints points = head.points();
            for (int i = 0; i < points.size(); i++) {
              long timestamp = points.timestamps()[i];
              if (timestamp >= range.from() && timestamp <= range.to()) {
                offer(handler, key, timestamp, points.values()[i]);
              }
            }
          }
        }
      }
    }
  }

  private void offer(Handler handler, SeriesKey series, long timestamp, long value) {
    if (residual.isEmpty() || residual.get().test(series, timestamp, value)) {
      handler.point(series, timestamp, value);
    }
  }
}
