package io.nsdb.core.codec;

import java.util.Objects;

/**
 * Encodes a chunk of points into the format of this package and computes its {@link ChunkSummary}.
 * Reuses its buffers from one chunk to the next: keep one per thread. Not thread-safe.
 */
public final class ChunkEncoder {

  private final BitWriter bits = new BitWriter(256);
  private long[] residuals = new long[0];
  private long[] scaled = new long[0];

  /**
   * Encodes {@code count} points: {@code timestamps[i]} (epoch milliseconds) with {@code
   * values[i]}, a {@code long} for {@link ValueKind#LONG}, {@link Double#doubleToRawLongBits raw
   * bits} for {@link ValueKind#DOUBLE}.
   *
   * @param timestamps sorted, not necessarily distinct (points with equal timestamps keep their
   *     order)
   * @param count {@code 1..}{@link ChunkCodec#MAX_COUNT}
   * @throws IllegalArgumentException if the timestamps are not sorted, or {@code count} is out of
   *     range or larger than an array
   */
  public EncodedChunk encode(long[] timestamps, long[] values, int count, ValueKind kind) {
    Objects.requireNonNull(timestamps, "timestamps");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(kind, "kind");
    if (count < 1 || count > ChunkCodec.MAX_COUNT) {
      throw new IllegalArgumentException(
          "a chunk holds 1 to " + ChunkCodec.MAX_COUNT + " points [count=" + count + "]");
    }
    if (timestamps.length < count || values.length < count) {
      throw new IllegalArgumentException(
          "count "
              + count
              + " exceeds the arrays [timestamps="
              + timestamps.length
              + ", values="
              + values.length
              + "]");
    }
    for (int i = 1; i < count; i++) {
      if (timestamps[i] < timestamps[i - 1]) {
        throw new IllegalArgumentException(
            "timestamps are not sorted at index "
                + i
                + " ["
                + timestamps[i - 1]
                + " then "
                + timestamps[i]
                + "]");
      }
    }
    ChunkSummary summary =
        kind == ValueKind.LONG
            ? summarizeLongs(timestamps, values, count)
            : summarizeDoubles(timestamps, values, count);

    if (residuals.length < count) {
      residuals = new long[count];
    }
    bits.reset();
    IntegerSequence.encode(timestamps, count, bits, residuals);
    int coding;
    int scale = 0;
    if (kind == ValueKind.LONG) {
      coding = ChunkCodec.CODING_INTEGER;
      IntegerSequence.encode(values, count, bits, residuals);
    } else {
      if (scaled.length < count) {
        scaled = new long[count];
      }
      scale = DecimalScale.detect(values, count, scaled);
      if (scale >= 0) {
        coding = ChunkCodec.CODING_DECIMAL;
        IntegerSequence.encode(scaled, count, bits, residuals);
      } else {
        coding = ChunkCodec.CODING_XOR;
        scale = 0;
        XorSequence.encode(values, count, bits);
      }
    }

    int countBytes = varIntLength(count);
    byte[] out = new byte[2 + countBytes + bits.byteLength()];
    out[0] = ChunkCodec.FORMAT_VERSION;
    out[1] = (byte) ((kind == ValueKind.DOUBLE ? 1 : 0) | (coding << 1) | (scale << 3));
    int pos = 2;
    int c = count;
    while ((c & ~0x7F) != 0) {
      out[pos++] = (byte) ((c & 0x7F) | 0x80);
      c >>>= 7;
    }
    out[pos++] = (byte) c;
    bits.copyTo(out, pos);
    return new EncodedChunk(out, summary);
  }

  private static int varIntLength(int v) {
    int length = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      length++;
    }
    return length;
  }

  private static ChunkSummary summarizeLongs(long[] timestamps, long[] values, int count) {
    long min = values[0];
    long max = min;
    long sum = min;
    // the exact sum is sum + wraps * 2^64; it fits a long iff the wraps cancel out
    long wraps = 0;
    for (int i = 1; i < count; i++) {
      long v = values[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
      long s = sum + v;
      // the addition wrapped iff both operands have the sign opposite to the result's
      if (((sum ^ s) & (v ^ s)) < 0) {
        wraps += v < 0 ? -1 : 1;
      }
      sum = s;
    }
    boolean overflow = wraps != 0;
    return new ChunkSummary(
        ValueKind.LONG,
        count,
        timestamps[0],
        timestamps[count - 1],
        min,
        max,
        values[0],
        values[count - 1],
        sum,
        overflow);
  }

  private static ChunkSummary summarizeDoubles(long[] timestamps, long[] values, int count) {
    double first = Double.longBitsToDouble(values[0]);
    double min = first;
    double max = first;
    double sum = first;
    for (int i = 1; i < count; i++) {
      double v = Double.longBitsToDouble(values[i]);
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return new ChunkSummary(
        ValueKind.DOUBLE,
        count,
        timestamps[0],
        timestamps[count - 1],
        Double.doubleToRawLongBits(min),
        Double.doubleToRawLongBits(max),
        values[0],
        values[count - 1],
        Double.doubleToRawLongBits(sum),
        false);
  }
}
