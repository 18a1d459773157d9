package io.nsdb.ws.lineprotocol;

import java.nio.charset.StandardCharsets;

/**
 * Parses the text of a float field straight from the body's bytes, with exactly the result of
 * {@link Double#parseDouble} on the same text: the database stores exact decimals and answers are
 * compared exactly, so a value one ulp off is a wrong value.
 *
 * <p>The common shape, {@code -?digits(.digits)?} with at most 2^53 as digits without the point and
 * at most 22 digits after it, is computed as {@code m / 10^k}: both operands are exact doubles and
 * IEEE division rounds correctly, so the quotient is the correctly rounded value of the decimal,
 * which is what {@code parseDouble} returns (Clinger's fast path). Anything else (exponents, more
 * digits) is checked against the line-protocol float grammar and handed to {@code parseDouble}.
 */
final class FastDecimal {

  /** Returned for text that is not a line-protocol float; never a parsed value. */
  static final double INVALID = Double.NaN;

  private static final long MAX_EXACT = 1L << 53;

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  private FastDecimal() {}

  /**
   * The value of {@code buf[start, end)}, or {@link #INVALID} if it is not {@code
   * -?(digits(.digits?)?|.digits)([eE][+-]?digits)?}. Too large a value is infinite.
   */
  static double parse(byte[] buf, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && buf[i] == '-') {
      negative = true;
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean point = false;
    for (; i < end; i++) {
      int c = buf[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (point) {
          fractionDigits++;
        }
        if (mantissa != 0 || c != '0') {
          // Past 18 significant digits the long could overflow; the slow path takes over.
          if (++significant > 18) {
            return slow(buf, start, end);
          }
          mantissa = mantissa * 10 + (c - '0');
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return slow(buf, start, end);
      }
    }
    if (digits == 0 || mantissa > MAX_EXACT || fractionDigits >= POWERS_OF_TEN.length) {
      return slow(buf, start, end);
    }
    double value = (double) mantissa;
    if (fractionDigits > 0) {
      value = value / POWERS_OF_TEN[fractionDigits];
    }
    return negative ? -value : value;
  }

  private static double slow(byte[] buf, int start, int end) {
    if (!isFloat(buf, start, end)) {
      return INVALID;
    }
    return Double.parseDouble(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
  }

  /** Whether the bytes follow the line-protocol float grammar (which {@code parseDouble} takes). */
  static boolean isFloat(byte[] buf, int start, int end) {
    int i = start;
    if (i < end && buf[i] == '-') {
      i++;
    }
    int integerDigits = skipDigits(buf, i, end) - i;
    i += integerDigits;
    int fractionDigits = 0;
    if (i < end && buf[i] == '.') {
      i++;
      fractionDigits = skipDigits(buf, i, end) - i;
      i += fractionDigits;
    }
    if (integerDigits + fractionDigits == 0) {
      return false;
    }
    if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      if (i < end && (buf[i] == '+' || buf[i] == '-')) {
        i++;
      }
      int exponentDigits = skipDigits(buf, i, end) - i;
      if (exponentDigits == 0) {
        return false;
      }
      i += exponentDigits;
    }
    return i == end;
  }

  private static int skipDigits(byte[] buf, int i, int end) {
    while (i < end && buf[i] >= '0' && buf[i] <= '9') {
      i++;
    }
    return i;
  }
}
