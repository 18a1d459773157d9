package io.nsdb.core.scan;

import io.nsdb.core.head.SeriesKey;
import java.util.List;

/**
 * One selected series and its chunks overlapping the scanned range, oldest written first (sealed
 * chunks in sealing order, then the head's), which is the order that keeps duplicate timestamps in
 * arrival order.
 */
public record SeriesScan(SeriesKey series, List<ChunkSource> chunks) {

  public SeriesScan {
    chunks = List.copyOf(chunks);
  }
}
