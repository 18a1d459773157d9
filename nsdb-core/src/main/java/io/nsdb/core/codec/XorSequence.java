package io.nsdb.core.codec;

/**
 * Gorilla XOR coding of double bits, the fallback for values that are not decimals of at most nine
 * places (or are -0.0, NaN or infinite): the first value verbatim, then each value's XOR with its
 * predecessor as {@code 0} (same bits), {@code 1 0} + the meaningful bits inside the previous
 * window, or {@code 1 1} + 6 bits of leading zeros + 6 bits of (length - 1) + the meaningful bits.
 * Unlike the Gorilla paper, leading zeros are not capped at 31.
 */
final class XorSequence {

  private XorSequence() {}

  static void encode(long[] values, int n, BitWriter out) {
    long prev = values[0];
    out.write(prev, 64);
    int prevLeading = 64; // no window yet: 64 leading zeros never fit a non-zero XOR
    int prevTrailing = 64;
    for (int i = 1; i < n; i++) {
      long v = values[i];
      long xor = v ^ prev;
      prev = v;
      if (xor == 0) {
        out.write(0L, 1);
        continue;
      }
      int leading = Long.numberOfLeadingZeros(xor);
      int trailing = Long.numberOfTrailingZeros(xor);
      if (leading >= prevLeading && trailing >= prevTrailing) {
        out.write(0b01L, 2); // '1' then '0', least significant bit first
        out.write(xor >>> prevTrailing, 64 - prevLeading - prevTrailing);
      } else {
        int length = 64 - leading - trailing;
        out.write(0b11L, 2);
        out.write(leading | ((long) (length - 1) << 6), 12);
        out.write(xor >>> trailing, length);
        prevLeading = leading;
        prevTrailing = trailing;
      }
    }
  }

  static void decode(BitReader in, long[] out, int n) {
    long v = in.read(64);
    out[0] = v;
    int trailing = 0;
    int length = 0;
    for (int i = 1; i < n; i++) {
      long control = in.peek();
      if ((control & 1L) == 0) {
        in.skip(1);
      } else if ((control & 2L) == 0) {
        in.skip(2);
        if (length == 0) {
          throw new IllegalArgumentException("corrupt chunk: XOR window reused before set");
        }
        v ^= in.read(length) << trailing;
      } else {
        in.skip(2);
        int fields = (int) in.read(12);
        int leading = fields & 63;
        length = (fields >>> 6) + 1;
        trailing = 64 - leading - length;
        if (trailing < 0) {
          throw new IllegalArgumentException(
              "corrupt chunk: XOR window of " + leading + " + " + length + " bits");
        }
        v ^= in.read(length) << trailing;
      }
      out[i] = v;
    }
  }
}
