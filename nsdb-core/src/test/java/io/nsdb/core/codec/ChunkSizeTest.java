package io.nsdb.core.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Bytes per point of the encoded chunks (bytes only, without the Lucene document around them) on
 * the reference dataset: 1000 series of 3333 points (a one-day shard), cut into chunks of 512 to
 * 4096 points.
 */
class ChunkSizeTest {

  static final int SERIES = 1000;
  static final int POINTS = 3333;
  static final int[] CHUNK_SIZES = {512, 1024, 2048, 4096};

  /** Leaves room for the Lucene document overhead under the 1.5 bytes per point target. */
  static final double MAX_BYTES_PER_POINT = 1.35;

  @Test
  void referenceDatasetFitsTheBudget() {
    long[] bytes = measure(42);
    double atDefault = Double.NaN;
    for (int c = 0; c < CHUNK_SIZES.length; c++) {
      double perPoint = (double) bytes[c] / ((long) SERIES * POINTS);
      System.out.printf(
          "ChunkSizeTest: chunk size %4d: %.4f bytes/point (%d bytes for %d points)%n",
          CHUNK_SIZES[c], perPoint, bytes[c], (long) SERIES * POINTS);
      if (CHUNK_SIZES[c] == ChunkCodec.DEFAULT_CHUNK_SIZE) {
        atDefault = perPoint;
      }
    }
    assertTrue(
        Arrays.stream(CHUNK_SIZES).anyMatch(s -> s == ChunkCodec.DEFAULT_CHUNK_SIZE),
        "the default chunk size is one of those measured");
    assertTrue(
        atDefault <= MAX_BYTES_PER_POINT,
        "bytes/point at the default chunk size: " + atDefault + " > " + MAX_BYTES_PER_POINT);
  }

  /** Total encoded bytes per chunk size of {@link #CHUNK_SIZES}. */
  static long[] measure(long seed) {
    ReferenceData data = new ReferenceData(seed);
    ChunkEncoder encoder = new ChunkEncoder();
    ChunkDecoder decoder = new ChunkDecoder();
    long[] timestamps = new long[POINTS];
    long[] values = new long[POINTS];
    long[] ts = new long[4096];
    long[] vs = new long[4096];
    long[] total = new long[CHUNK_SIZES.length];
    for (int s = 0; s < SERIES; s++) {
      data.nextSeries(timestamps, values, POINTS);
      for (int c = 0; c < CHUNK_SIZES.length; c++) {
        int size = CHUNK_SIZES[c];
        for (int from = 0; from < POINTS; from += size) {
          int n = Math.min(size, POINTS - from);
          System.arraycopy(timestamps, from, ts, 0, n);
          System.arraycopy(values, from, vs, 0, n);
          EncodedChunk chunk = encoder.encode(ts, vs, n, ValueKind.DOUBLE);
          total[c] += chunk.bytes().length;
          if (s % 100 == 0) { // spot-check the round trip and the coding chosen
            decoder.reset(chunk.bytes());
            assertTrue(decoder.scale() == 2, "two-decimal values are coded at scale 2");
            for (int i = 0; i < n; i++) {
              assertTrue(decoder.timestampAt(i) == ts[i] && decoder.rawValueAt(i) == vs[i]);
            }
          }
        }
      }
    }
    return total;
  }
}
