package io.nsdb.core.codec;

import java.util.Objects;

/**
 * What a query can answer about a chunk without decoding it: count, time range, min, max, first,
 * last and sum of its values.
 *
 * <p>Value components are {@code long}s so that {@link ValueKind#LONG} values stay exact: for a
 * {@code LONG} chunk they are the values themselves; for a {@link ValueKind#DOUBLE} chunk they are
 * {@link Double#doubleToRawLongBits raw bits}. Read them through the {@code ...AsLong()} and {@code
 * ...AsDouble()} accessors, which interpret them per {@link #kind()}.
 *
 * <ul>
 *   <li>{@code first} is the value of the point with the smallest timestamp (on ties, the one
 *       appended first); {@code last} the value at the largest timestamp (on ties, the one appended
 *       last).
 *   <li>{@code min} and {@code max} of a {@code DOUBLE} chunk are folds of {@link Math#min(double,
 *       double)} and {@link Math#max(double, double)} in point order: NaN if any value is NaN, and
 *       -0.0 is smaller than 0.0.
 *   <li>{@code sum} of a {@code LONG} chunk is exact; when the exact sum does not fit a {@code
 *       long}, {@code sumOverflow} is set and {@code sum} holds the sum modulo 2<sup>64</sup>. The
 *       sum of a {@code DOUBLE} chunk is {@code v0 + v1 + ...} in point order, in double
 *       arithmetic; {@code sumOverflow} is then always false (infinity is a double).
 * </ul>
 */
public record ChunkSummary(
    ValueKind kind,
    int count,
    long minTimestamp,
    long maxTimestamp,
    long min,
    long max,
    long first,
    long last,
    long sum,
    boolean sumOverflow) {

  public ChunkSummary {
    Objects.requireNonNull(kind, "kind");
    if (count < 1) {
      throw new IllegalArgumentException("a chunk holds at least one point [count=" + count + "]");
    }
    if (minTimestamp > maxTimestamp) {
      throw new IllegalArgumentException(
          "minTimestamp " + minTimestamp + " > maxTimestamp " + maxTimestamp);
    }
    if (sumOverflow && kind == ValueKind.DOUBLE) {
      throw new IllegalArgumentException("the sum of a DOUBLE chunk never overflows");
    }
  }

  public long minAsLong() {
    return asLong(min);
  }

  public long maxAsLong() {
    return asLong(max);
  }

  public long firstAsLong() {
    return asLong(first);
  }

  public long lastAsLong() {
    return asLong(last);
  }

  /**
   * The exact sum of a {@code LONG} chunk.
   *
   * @throws ArithmeticException if it does not fit a {@code long} ({@link #sumOverflow()}): decode
   *     the chunk to sum it in wider arithmetic
   * @throws IllegalStateException for a {@code DOUBLE} chunk
   */
  public long sumAsLong() {
    long value = asLong(sum);
    if (sumOverflow) {
      throw new ArithmeticException("the sum of this chunk overflows a long");
    }
    return value;
  }

  public double minAsDouble() {
    return asDouble(min);
  }

  public double maxAsDouble() {
    return asDouble(max);
  }

  public double firstAsDouble() {
    return asDouble(first);
  }

  public double lastAsDouble() {
    return asDouble(last);
  }

  /**
   * The sum as a double: that of a {@code DOUBLE} chunk, or the exact {@code long} sum of a {@code
   * LONG} chunk converted to double.
   *
   * @throws ArithmeticException if the sum of a {@code LONG} chunk overflows ({@link
   *     #sumOverflow()})
   */
  public double sumAsDouble() {
    if (sumOverflow) {
      throw new ArithmeticException("the sum of this chunk overflows a long");
    }
    return asDouble(sum);
  }

  private long asLong(long raw) {
    if (kind != ValueKind.LONG) {
      throw new IllegalStateException("the values of a DOUBLE chunk are doubles");
    }
    return raw;
  }

  private double asDouble(long raw) {
    return kind == ValueKind.DOUBLE ? Double.longBitsToDouble(raw) : (double) raw;
  }
}
