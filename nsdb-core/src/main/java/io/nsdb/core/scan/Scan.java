package io.nsdb.core.scan;

import io.nsdb.core.codec.ChunkCodec;
import io.nsdb.core.codec.ChunkDecoder;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SortedPoints;
import java.util.List;

/**
 * The result of a scan: the selected series with their chunks, and cursors over their points. The
 * chunks were read when the scan ran; the result stays valid after later writes.
 */
public record Scan(ValueKind valueKind, List<SeriesScan> series) {

  public Scan {
    series = List.copyOf(series);
  }

  /** The points of {@code series} inside [from, to], in time order. */
  public PointCursor cursor(SeriesScan series, long from, long to) {
    ChunkDecoder decoder = ChunkCodec.decoder();
    return new PointCursor(series, from, to, chunk -> decode(decoder, chunk.record().points()));
  }

  private static SortedPoints decode(ChunkDecoder decoder, byte[] bytes) {
    decoder.reset(bytes);
    int count = decoder.count();
    long[] timestamps = new long[count];
    long[] values = new long[count];
    decoder.copyTimestamps(0, count, timestamps, 0);
    decoder.copyRawValues(0, count, values, 0);
    return new SortedPoints(timestamps, values);
  }

  /** The number of points in [from, to] over every series: a full decode, for tests and tools. */
  public long countPoints(long from, long to) {
    long count = 0;
    for (SeriesScan s : series) {
      PointCursor cursor = cursor(s, from, to);
      while (cursor.next()) {
        count++;
      }
    }
    return count;
  }
}
