package io.nsdb.core.codec;

/**
 * How a chunk's values are typed: {@link #LONG} values are exact 64-bit integers (a BIGINT column),
 * {@link #DOUBLE} values are IEEE 754 doubles (a DECIMAL column) handed to the codec as {@link
 * Double#doubleToRawLongBits(double) raw bits} and given back bit for bit.
 */
public enum ValueKind {
  LONG,
  DOUBLE;

  /**
   * The raw bits of a bit's value as chunks, the head and accumulators hold it: a Long as is, a
   * double's {@link Double#doubleToRawLongBits}. A Long of a DOUBLE column is widened, as the
   * schema conforms it.
   *
   * @throws IllegalArgumentException for a Double in a LONG column, which no schema accepts
   */
  public long raw(Number value) {
    if (this == DOUBLE) {
      return Double.doubleToRawLongBits(value.doubleValue());
    }
    if (!(value instanceof Long l)) {
      throw new IllegalArgumentException("a BIGINT value is a Long, not " + value);
    }
    return l;
  }
}
