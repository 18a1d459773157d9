package io.nsdb.core.scan;

import io.nsdb.core.head.SortedPoints;
import io.nsdb.core.shard.ChunkRecord;

/** One chunk of a scanned series: sealed in a shard, or still in the head. */
public sealed interface ChunkSource {

  long minTimestamp();

  long maxTimestamp();

  /** A sealed chunk: its summary is at hand; its points are decoded on demand. */
  record Sealed(ChunkRecord record) implements ChunkSource {
    @Override
    public long minTimestamp() {
      return record.minTimestamp();
    }

    @Override
    public long maxTimestamp() {
      return record.maxTimestamp();
    }

    /** Whether every point of the chunk is inside [from, to], so its summary answers for it. */
    public boolean within(long from, long to) {
      return record.minTimestamp() >= from && record.maxTimestamp() <= to;
    }
  }

  /** Points still in the head, copied when the scan started. */
  record Head(SortedPoints points) implements ChunkSource {
    @Override
    public long minTimestamp() {
      return points.timestamps()[0];
    }

    @Override
    public long maxTimestamp() {
      return points.timestamps()[points.size() - 1];
    }
  }
}
