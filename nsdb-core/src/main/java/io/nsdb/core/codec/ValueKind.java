package io.nsdb.core.codec;

/**
 * How a chunk's values are typed: {@link #LONG} values are exact 64-bit integers (a BIGINT column),
 * {@link #DOUBLE} values are IEEE 754 doubles (a DECIMAL column) handed to the codec as {@link
 * Double#doubleToRawLongBits(double) raw bits} and given back bit for bit.
 */
public enum ValueKind {
  LONG,
  DOUBLE
}
