package io.nsdb.core.codec;

import java.util.Arrays;

/**
 * The integer sequence coding shared by timestamps and integer (or scaled decimal) values: an order
 * of differencing chosen per sequence (0: the values, 1: deltas, 2: deltas of deltas), an optional
 * common divisor, then zigzag residuals in blocks of {@value #BLOCK}, each block either bit-packed
 * at its own width or Golomb-Rice coded with its own parameter, whichever is smaller. The bit
 * layout is documented in {@code package-info.java}.
 *
 * <p>All arithmetic wraps (two's complement), so any {@code long} sequence, {@link Long#MIN_VALUE}
 * and {@link Long#MAX_VALUE} included, comes back exactly.
 */
final class IntegerSequence {

  /** Residuals per block; each block has its own 7-bit header. */
  static final int BLOCK = 128;

  /** Bits of a block header. */
  static final int HEADER_BITS = 7;

  /** Block headers {@code 0..64} are bit-packing widths; {@code RICE_BASE + k} is Rice with k. */
  static final int RICE_BASE = 65;

  /** Largest Rice parameter a header can hold ({@code 127 - RICE_BASE}). */
  static final int MAX_RICE = 62;

  /**
   * A Rice quotient this large is not written in unary: {@code ESCAPE} zero bits and the residual
   * as {@link BitWriter#writeVarBits var bits} follow instead, so one outlier costs at most 101
   * bits.
   */
  static final int ESCAPE = 31;

  private IntegerSequence() {}

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unzigzag(long z) {
    return (z >>> 1) ^ -(z & 1);
  }

  private static int bitLength(long v) {
    return 64 - Long.numberOfLeadingZeros(v);
  }

  // ---------------------------------------------------------------------------------- encoding

  /**
   * Writes {@code values[0..n)}, {@code n >= 1}, using {@code scratch} (at least {@code n} long)
   * for the residuals.
   */
  static void encode(long[] values, int n, BitWriter out, long[] scratch) {
    int order = chooseOrder(values, n);
    out.write(order, 2);
    long v0 = values[0];
    if (order >= 1) {
      out.writeVarBits(zigzag(v0));
    }
    if (order == 2) {
      out.writeVarBits(zigzag(values[1] - v0));
    }
    int m = n - order;
    long any = 0;
    switch (order) {
      case 0 -> {
        for (int i = 0; i < n; i++) {
          long r = values[i];
          scratch[i] = r;
          any |= r;
        }
      }
      case 1 -> {
        long prev = v0;
        for (int i = 1; i < n; i++) {
          long v = values[i];
          long r = v - prev;
          scratch[i - 1] = r;
          any |= r;
          prev = v;
        }
      }
      default -> {
        long prev = values[1];
        long prevDelta = prev - v0;
        for (int i = 2; i < n; i++) {
          long v = values[i];
          long delta = v - prev;
          long r = delta - prevDelta;
          scratch[i - 2] = r;
          any |= r;
          prev = v;
          prevDelta = delta;
        }
      }
    }
    if (any == 0) {
      out.writeBit(false); // every residual is zero: nothing follows
      return;
    }
    out.writeBit(true);
    long divisor = commonDivisor(scratch, m);
    if (divisor > 1) {
      out.writeBit(true);
      out.writeVarBits(divisor);
      for (int i = 0; i < m; i++) {
        scratch[i] = zigzag(scratch[i] / divisor);
      }
    } else {
      out.writeBit(false);
      for (int i = 0; i < m; i++) {
        scratch[i] = zigzag(scratch[i]);
      }
    }
    int[] histogram = new int[65];
    for (int start = 0; start < m; start += BLOCK) {
      encodeBlock(scratch, start, Math.min(BLOCK, m - start), out, histogram);
    }
  }

  /**
   * The order (0, 1 or 2, at most {@code n - 1}) whose residuals have the fewest significant bits,
   * a cheap proxy for their coded size. Ties go to the lower order.
   */
  private static int chooseOrder(long[] values, int n) {
    if (n == 1) {
      return 0;
    }
    long v0 = values[0];
    long v1 = values[1];
    long d1 = v1 - v0;
    int head0 = 7 + bitLength(zigzag(v0));
    long cost0 = bitLength(zigzag(v0)) + bitLength(zigzag(v1));
    long cost1 = head0 + bitLength(zigzag(d1));
    if (n == 2) {
      return cost1 < cost0 ? 1 : 0;
    }
    long cost2 = head0 + 7 + bitLength(zigzag(d1));
    long prev = v1;
    long prevDelta = d1;
    for (int i = 2; i < n; i++) {
      long v = values[i];
      long delta = v - prev;
      cost0 += bitLength(zigzag(v));
      cost1 += bitLength(zigzag(delta));
      cost2 += bitLength(zigzag(delta - prevDelta));
      prev = v;
      prevDelta = delta;
    }
    int order = 0;
    long best = cost0;
    if (cost1 < best) {
      order = 1;
      best = cost1;
    }
    if (cost2 < best) {
      order = 2;
    }
    return order;
  }

  /**
   * The greatest common divisor of the residuals' magnitudes, or 1 as soon as it is known to be 1
   * (which for most data is after a handful of residuals). 1 as well when a residual is {@link
   * Long#MIN_VALUE}, whose magnitude is not a {@code long}.
   */
  private static long commonDivisor(long[] residuals, int m) {
    long g = 0;
    for (int i = 0; i < m; i++) {
      long r = residuals[i];
      if (r == 0) {
        continue;
      }
      if (r == Long.MIN_VALUE) {
        return 1;
      }
      long a = Math.abs(r);
      if (g == 0) {
        g = a;
      } else if (a % g != 0) {
        g = gcd(g, a);
      }
      if (g == 1) {
        return 1;
      }
    }
    return Math.max(g, 1);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static void encodeBlock(long[] z, int from, int len, BitWriter out, int[] histogram) {
    int to = from + len;
    Arrays.fill(histogram, 0);
    long or = 0;
    for (int i = from; i < to; i++) {
      long v = z[i];
      or |= v;
      histogram[bitLength(v)]++;
    }
    int width = bitLength(or);
    if (width <= 1) {
      out.write(width, HEADER_BITS); // Rice costs at least one bit per value
      if (width == 1) {
        for (int i = from; i < to; i++) {
          out.write(z[i], 1);
        }
      }
      return;
    }
    long packedCost = (long) width * len;
    // Rice parameter candidates: around log2 of the mean (best for geometric residuals) and
    // around the median bit length (robust to a few outliers, such as the two residuals of a gap
    // in regular timestamps, which the escape codes cheaply)
    int meanLog;
    if (width <= 56) {
      long sum = 0;
      for (int i = from; i < to; i++) {
        sum += z[i];
      }
      meanLog = bitLength(sum / len) - 1;
    } else {
      meanLog = width - 2;
    }
    int median = 0;
    for (int seen = histogram[0]; seen * 2 < len; ) {
      seen += histogram[++median];
    }
    long candidates = 0;
    for (int d = -1; d <= 1; d++) {
      candidates |= 1L << Math.max(0, Math.min(MAX_RICE, meanLog + d));
      candidates |= 1L << Math.max(0, Math.min(MAX_RICE, median - 1 + d));
    }
    int k = 0;
    long riceCost = Long.MAX_VALUE;
    for (; candidates != 0; candidates &= candidates - 1) {
      int candidate = Long.numberOfTrailingZeros(candidates);
      long cost = 0;
      for (int i = from; i < to; i++) {
        cost += riceBits(z[i], candidate);
      }
      if (cost < riceCost) {
        k = candidate;
        riceCost = cost;
      }
    }
    if (packedCost <= riceCost) {
      out.write(width, HEADER_BITS);
      for (int i = from; i < to; i++) {
        out.write(z[i], width);
      }
      return;
    }
    out.write(RICE_BASE + k, HEADER_BITS);
    long lowMask = (1L << k) - 1; // k <= 62
    for (int i = from; i < to; i++) {
      long v = z[i];
      long q = v >>> k; // unsigned: with k == 0 a residual of 64 bits is negative
      if (q >= 0 && q < ESCAPE) {
        int unary = (int) q + 1;
        if (unary + k <= 64) {
          out.write(((v & lowMask) << unary) | (1L << q), unary + k);
        } else {
          out.write(1L << q, unary);
          out.write(v, k);
        }
      } else {
        out.write(0L, ESCAPE);
        out.writeVarBits(v);
      }
    }
  }

  private static int riceBits(long v, int k) {
    long q = v >>> k;
    return q >= 0 && q < ESCAPE ? (int) q + 1 + k : ESCAPE + 6 + Math.max(1, bitLength(v));
  }

  // ---------------------------------------------------------------------------------- decoding

  /** Reads {@code n >= 1} values into {@code out[0..n)}. */
  static void decode(BitReader in, long[] out, int n) {
    int order = (int) in.read(2);
    if (order > 2 || order > n - 1) {
      throw new IllegalArgumentException(
          "corrupt chunk: differencing order " + order + " for " + n + " values");
    }
    long v0 = order >= 1 ? unzigzag(in.readVarBits()) : 0;
    long d1 = order == 2 ? unzigzag(in.readVarBits()) : 0;
    int m = n - order;
    if (!in.readBit()) {
      Arrays.fill(out, order, n, 0L);
      if (order == 0) {
        return;
      }
    } else {
      long divisor = in.readBit() ? in.readVarBits() : 1;
      for (int start = 0; start < m; start += BLOCK) {
        in.checkNotFarPastEnd();
        decodeBlock(in, out, order + start, Math.min(BLOCK, m - start));
      }
      if (order == 0) {
        for (int i = 0; i < n; i++) {
          out[i] = unzigzag(out[i]) * divisor;
        }
        return;
      }
      for (int i = order; i < n; i++) {
        out[i] = unzigzag(out[i]) * divisor;
      }
    }
    // integrate
    out[0] = v0;
    if (order == 1) {
      long acc = v0;
      for (int i = 1; i < n; i++) {
        acc += out[i];
        out[i] = acc;
      }
    } else {
      long acc = v0 + d1;
      long delta = d1;
      out[1] = acc;
      for (int i = 2; i < n; i++) {
        delta += out[i];
        acc += delta;
        out[i] = acc;
      }
    }
  }

  private static void decodeBlock(BitReader in, long[] out, int from, int len) {
    int header = (int) in.read(HEADER_BITS);
    int to = from + len;
    if (header == 0) {
      Arrays.fill(out, from, to, 0L);
    } else if (header <= 64) {
      for (int i = from; i < to; i++) {
        out[i] = in.read(header);
      }
    } else {
      int k = header - RICE_BASE;
      long lowMask = (1L << k) - 1;
      for (int i = from; i < to; i++) {
        long window = in.peek();
        int q = Long.numberOfTrailingZeros(window);
        if (q < ESCAPE) {
          int unary = q + 1;
          if (unary + k <= 64) {
            out[i] = ((long) q << k) | ((window >>> unary) & lowMask);
            in.skip(unary + k);
          } else {
            in.skip(unary);
            out[i] = ((long) q << k) | in.read(k);
          }
        } else {
          in.skip(ESCAPE);
          out[i] = in.readVarBits();
        }
      }
    }
  }
}
