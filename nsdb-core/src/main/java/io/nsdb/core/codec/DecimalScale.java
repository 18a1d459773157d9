package io.nsdb.core.codec;

/**
 * Finds the smallest decimal scale {@code k} in {@code 0..}{@value #MAX_SCALE} such that every
 * double {@code v} of a chunk is exactly {@code (double) m / 10^k} for some {@code long m}, checked
 * bit for bit on the very expression the decoder evaluates. Java floating point is strict, so the
 * decoder gives back exactly the bits checked here. A decimal parsed from text with at most {@code
 * k} places, such as {@code 53.27}, passes: dividing by an exact power of ten rounds correctly, to
 * the same double as the parser. -0.0, NaN and infinities never pass.
 */
final class DecimalScale {

  static final int MAX_SCALE = 9;

  /** {@code POWERS[k] == 10^k}, exact doubles. */
  static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

  private DecimalScale() {}

  /**
   * The scale of {@code bits[0..n)} (raw double bits), with the scaled integers written to {@code
   * scaled[0..n)}, or -1 if there is none.
   */
  static int detect(long[] bits, int n, long[] scaled) {
    int k = 0;
    double power = POWERS[0];
    int i = 0;
    while (i < n) {
      long b = bits[i];
      double v = Double.longBitsToDouble(b);
      long m = (long) Math.rint(v * power);
      if (Double.doubleToRawLongBits(m / power) == b) {
        scaled[i++] = m;
        continue;
      }
      // this value needs more places: take the fewest that work for it, and start over so that
      // every value is checked at the final scale
      int next = k + 1;
      while (next <= MAX_SCALE && !fits(b, next)) {
        next++;
      }
      if (next > MAX_SCALE) {
        return -1;
      }
      k = next;
      power = POWERS[k];
      i = 0;
    }
    return k;
  }

  private static boolean fits(long bits, int k) {
    double power = POWERS[k];
    long m = (long) Math.rint(Double.longBitsToDouble(bits) * power);
    return Double.doubleToRawLongBits(m / power) == bits;
  }
}
