package io.nsdb.ws.lineprotocol;

import java.util.Locale;

/**
 * Turns the text of a numeric or boolean field value into a bit value: a float ({@code 1.5}) is a
 * {@link Double}; an integer ({@code 12i}), an unsigned integer ({@code 12u}, at most {@link
 * Long#MAX_VALUE}) and a boolean ({@code t}, {@code true}, ... as 1, {@code f}, {@code false}, ...
 * as 0) are {@link Long}s. Values must be finite: the storage keeps no NaN or infinity.
 */
final class FieldValues {

  private static final Long ONE = 1L;
  private static final Long ZERO = 0L;

  private FieldValues() {}

  /**
   * The value of {@code buf[start, end)} (non-empty, without quotes) of the field whose key is
   * {@code buf[keyStart, keyEnd)}.
   *
   * @throws LineRejected if it is not a finite number of a line-protocol type
   */
  static Number numeric(byte[] buf, int start, int end, int keyStart, int keyEnd, int line)
      throws LineRejected {
    byte last = buf[end - 1];
    if (last == 'i' || last == 'u') {
      boolean signed = last == 'i';
      if (!Bytes.isInteger(buf, start, end - 1, signed)) {
        throw rejected("invalid field value", buf, start, end, keyStart, keyEnd, line);
      }
      try {
        return Bytes.parseLong(buf, start, end - 1);
      } catch (ArithmeticException e) {
        throw rejected("integer field value out of range", buf, start, end, keyStart, keyEnd, line);
      }
    }
    byte first = buf[start];
    if (first == 't' || first == 'T') {
      if (isAny(buf, start, end, "t", "T", "true", "True", "TRUE")) {
        return ONE;
      }
    } else if (first == 'f' || first == 'F') {
      if (isAny(buf, start, end, "f", "F", "false", "False", "FALSE")) {
        return ZERO;
      }
    }
    double value = FastDecimal.parse(buf, start, end);
    if (Double.isFinite(value)) {
      return value;
    }
    if (Double.isNaN(value) && !isNonFiniteWord(buf, start, end)) {
      throw rejected("invalid field value", buf, start, end, keyStart, keyEnd, line);
    }
    throw rejected("non-finite field value", buf, start, end, keyStart, keyEnd, line);
  }

  private static boolean isAny(byte[] buf, int start, int end, String... words) {
    for (String word : words) {
      if (Bytes.equalsAscii(buf, start, end, word)) {
        return true;
      }
    }
    return false;
  }

  /** NaN and infinity as other systems write them, so that the reason says what is wrong. */
  private static boolean isNonFiniteWord(byte[] buf, int start, int end) {
    if (end - start > 9) {
      return false;
    }
    String text = Bytes.ascii(buf, start, end).toLowerCase(Locale.ROOT);
    return switch (text) {
      case "nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity" ->
          true;
      default -> false;
    };
  }

  private static LineRejected rejected(
      String what, byte[] buf, int start, int end, int keyStart, int keyEnd, int line) {
    return new LineRejected(
        what
            + " [line="
            + line
            + ", field="
            + Bytes.quote(buf, keyStart, keyEnd)
            + ", value="
            + Bytes.quote(buf, start, end)
            + "]");
  }
}
