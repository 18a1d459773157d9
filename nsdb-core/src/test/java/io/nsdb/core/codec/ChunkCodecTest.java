package io.nsdb.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

  private static final long EPOCH_2024 = 1_704_067_200_000L;

  // Shared on purpose: state must not leak from one chunk to the next.
  private final ChunkEncoder encoder = new ChunkEncoder();
  private final ChunkDecoder decoder = new ChunkDecoder();

  // ------------------------------------------------------------------------ round-trip checker

  /** Encodes, decodes, and checks every point, the summary, seek and the copy methods. */
  private EncodedChunk roundTrip(long[] ts, long[] vs, int n, ValueKind kind, Random random) {
    long[] tsBefore = Arrays.copyOf(ts, ts.length);
    long[] vsBefore = Arrays.copyOf(vs, vs.length);
    EncodedChunk chunk = encoder.encode(ts, vs, n, kind);
    assertArrayEquals(tsBefore, ts, "the encoder does not modify its input");
    assertArrayEquals(vsBefore, vs, "the encoder does not modify its input");
    assertArrayEquals(
        chunk.bytes(),
        ChunkCodec.encode(ts, vs, n, kind).bytes(),
        "a reused encoder writes the same bytes as a fresh one");
    assertEquals(ChunkCodec.FORMAT_VERSION, chunk.bytes()[0]);
    checkSummary(ts, vs, n, kind, chunk.summary());

    // decode from inside a larger array now and then
    byte[] bytes = chunk.bytes();
    int offset = 0;
    if (random.nextBoolean()) {
      offset = 1 + random.nextInt(10);
      byte[] padded = new byte[offset + bytes.length + random.nextInt(10)];
      random.nextBytes(padded);
      System.arraycopy(bytes, 0, padded, offset, bytes.length);
      bytes = padded;
    }
    decoder.reset(bytes, offset, chunk.bytes().length);
    assertEquals(n, decoder.count());
    assertEquals(kind, decoder.kind());
    assertEquals(ts[0], decoder.minTimestamp());
    assertEquals(ts[n - 1], decoder.maxTimestamp());
    boolean valuesFirst = random.nextBoolean();
    for (int i = 0; i < n; i++) {
      if (valuesFirst) {
        assertEquals(vs[i], decoder.rawValueAt(i), "value " + i);
      }
      assertEquals(ts[i], decoder.timestampAt(i), "timestamp " + i);
    }
    int i = 0;
    while (decoder.next()) {
      assertEquals(i, decoder.index());
      assertEquals(ts[i], decoder.timestamp(), "timestamp " + i);
      assertEquals(vs[i], decoder.rawValue(), "value " + i);
      if (kind == ValueKind.LONG) {
        assertEquals(vs[i], decoder.longValue());
        assertEquals((double) vs[i], decoder.doubleValue());
      } else {
        double expected = Double.longBitsToDouble(vs[i]);
        assertEquals(Double.doubleToRawLongBits(expected), raw(decoder.doubleValue()));
        assertEquals((long) expected, decoder.longValue());
      }
      i++;
    }
    assertEquals(n, i);
    assertFalse(decoder.next());

    long[] copy = new long[n + 2];
    decoder.copyTimestamps(0, n, copy, 1);
    assertArrayEquals(Arrays.copyOf(ts, n), Arrays.copyOfRange(copy, 1, n + 1));
    decoder.copyRawValues(0, n, copy, 2);
    assertArrayEquals(Arrays.copyOf(vs, n), Arrays.copyOfRange(copy, 2, n + 2));

    for (int probe = 0; probe < 8; probe++) {
      long target =
          switch (probe) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> ts[0];
            case 3 -> ts[n - 1];
            case 4 -> ts[n - 1] == Long.MAX_VALUE ? Long.MAX_VALUE : ts[n - 1] + 1;
            default -> ts[random.nextInt(n)] + (random.nextInt(3) - 1);
          };
      int expected = 0;
      while (expected < n && ts[expected] < target) {
        expected++;
      }
      decoder.reset(bytes, offset, chunk.bytes().length);
      assertEquals(expected, decoder.seek(target), "seek " + target);
      if (expected < n) {
        assertTrue(decoder.next());
        assertEquals(expected, decoder.index());
        assertEquals(ts[expected], decoder.timestamp());
        assertEquals(vs[expected], decoder.rawValue());
      } else {
        assertFalse(decoder.next());
      }
    }
    return chunk;
  }

  private static long raw(double d) {
    return Double.doubleToRawLongBits(d);
  }

  private static void checkSummary(
      long[] ts, long[] vs, int n, ValueKind kind, ChunkSummary summary) {
    assertEquals(kind, summary.kind());
    assertEquals(n, summary.count());
    assertEquals(ts[0], summary.minTimestamp());
    assertEquals(ts[n - 1], summary.maxTimestamp());
    assertEquals(vs[0], summary.first());
    assertEquals(vs[n - 1], summary.last());
    if (kind == ValueKind.LONG) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      BigInteger sum = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        min = Math.min(min, vs[i]);
        max = Math.max(max, vs[i]);
        sum = sum.add(BigInteger.valueOf(vs[i]));
      }
      assertEquals(min, summary.minAsLong());
      assertEquals(max, summary.maxAsLong());
      assertEquals(vs[0], summary.firstAsLong());
      assertEquals(vs[n - 1], summary.lastAsLong());
      boolean overflow = sum.bitLength() > 63;
      assertEquals(overflow, summary.sumOverflow(), "sum " + sum);
      assertEquals(sum.longValue(), summary.sum(), "the sum modulo 2^64");
      if (overflow) {
        assertThrows(ArithmeticException.class, summary::sumAsLong);
        assertThrows(ArithmeticException.class, summary::sumAsDouble);
      } else {
        assertEquals(sum.longValue(), summary.sumAsLong());
        assertEquals(sum.doubleValue(), summary.sumAsDouble());
      }
      assertEquals((double) min, summary.minAsDouble());
    } else {
      // NaN if any NaN, else the least / greatest in Double.compare's order (-0.0 < 0.0)
      boolean anyNaN = false;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double v = Double.longBitsToDouble(vs[i]);
        anyNaN |= Double.isNaN(v);
        if (Double.compare(v, min) < 0) {
          min = v;
        }
        if (Double.compare(v, max) > 0) {
          max = v;
        }
        sum = i == 0 ? v : sum + v;
      }
      if (anyNaN) {
        min = Double.NaN;
        max = Double.NaN;
      }
      assertEquals(Double.doubleToLongBits(min), Double.doubleToLongBits(summary.minAsDouble()));
      assertEquals(Double.doubleToLongBits(max), Double.doubleToLongBits(summary.maxAsDouble()));
      assertEquals(vs[0], raw(summary.firstAsDouble()));
      assertEquals(vs[n - 1], raw(summary.lastAsDouble()));
      assertEquals(Double.doubleToLongBits(sum), Double.doubleToLongBits(summary.sumAsDouble()));
      assertFalse(summary.sumOverflow());
      assertThrows(IllegalStateException.class, summary::minAsLong);
      assertThrows(IllegalStateException.class, summary::sumAsLong);
    }
  }

  // ------------------------------------------------------------------------- data generators

  private static int randomCount(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> 1 + random.nextInt(3);
      case 1 -> 1 + random.nextInt(20);
      case 2 -> 120 + random.nextInt(20); // around one block
      case 3 -> 1 + random.nextInt(5000);
      default -> 1 + random.nextInt(1100);
    };
  }

  /** Sorted timestamps of one of several shapes. */
  private static long[] timestamps(Random random, int n) {
    long[] ts = new long[n];
    int shape = random.nextInt(9);
    long start =
        switch (random.nextInt(4)) {
          case 0 -> EPOCH_2024 + random.nextInt(1_000_000_000);
          case 1 -> -EPOCH_2024 - random.nextInt(1_000_000_000); // before 1970
          case 2 -> random.nextLong() / 2;
          default -> random.nextInt(1000) - 500;
        };
    long interval = 1 + random.nextInt(random.nextBoolean() ? 100_000 : 10);
    long t = start;
    for (int i = 0; i < n; i++) {
      ts[i] = t;
      long step =
          switch (shape) {
            case 0 -> interval; // regular
            case 1 -> Math.max(0, interval + random.nextInt(21) - 10); // jittered
            case 2 -> random.nextInt(3) == 0 ? 0 : interval; // regular with duplicates
            case 3 -> random.nextInt(2); // dense duplicates
            case 4 -> (long) random.nextInt(100) * 1000; // irregular, whole seconds
            case 5 -> random.nextInt(1 << 20); // irregular
            case 6 -> random.nextInt(50) == 0 ? interval * 1000 : interval; // regular with gaps
            case 7 -> 0; // all equal
            default -> interval;
          };
      t += step;
    }
    if (shape == 8) { // anywhere in the long range, extremes included
      for (int i = 0; i < n; i++) {
        ts[i] =
            switch (random.nextInt(8)) {
              case 0 -> Long.MIN_VALUE;
              case 1 -> Long.MAX_VALUE;
              default -> random.nextLong();
            };
      }
      Arrays.sort(ts);
    }
    return ts;
  }

  private static long[] longValues(Random random, int n) {
    long[] vs = new long[n];
    int shape = random.nextInt(8);
    long v = random.nextInt(1_000_000) - 500_000;
    long constant = random.nextBoolean() ? random.nextLong() : random.nextInt(100);
    for (int i = 0; i < n; i++) {
      vs[i] =
          switch (shape) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(1000) - 500;
            case 2 -> constant;
            case 3 -> v += random.nextInt(5000); // counter
            case 4 -> v += (long) (random.nextGaussian() * 150); // random walk
            case 5 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE; // extremes
            case 6 -> (long) (random.nextInt(2000) - 1000) * 1000; // common factor
            default ->
                switch (random.nextInt(5)) { // a mix with outliers
                  case 0 -> Long.MIN_VALUE + random.nextInt(3);
                  case 1 -> Long.MAX_VALUE - random.nextInt(3);
                  default -> random.nextInt(100);
                };
          };
    }
    return vs;
  }

  /** Doubles with exactly {@code places} decimals, parsed from their decimal text. */
  private static long[] decimalValues(Random random, int n, int places) {
    long[] vs = new long[n];
    long bound = places >= 8 ? 1_000_000_000_000L : 1_000_000_000L;
    boolean walk = random.nextBoolean();
    long m = random.nextLong(bound) - bound / 2;
    for (int i = 0; i < n; i++) {
      m = walk ? m + random.nextInt(301) - 150 : random.nextLong(bound) - bound / 2;
      vs[i] = raw(Double.parseDouble(new BigDecimal(BigInteger.valueOf(m), places).toString()));
    }
    return vs;
  }

  private static long[] specialDoubles(Random random, int n) {
    double[] specials = {
      -0.0,
      0.0,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      Double.MIN_NORMAL,
      1e300,
      1e-300,
      1.5,
      42.25
    };
    long[] vs = new long[n];
    for (int i = 0; i < n; i++) {
      vs[i] =
          switch (random.nextInt(4)) {
            case 0 -> random.nextLong(); // any bits: NaN payloads, subnormals, ...
            case 1 -> raw(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            default -> raw(specials[random.nextInt(specials.length)]);
          };
    }
    return vs;
  }

  // --------------------------------------------------------------------------------- tests

  @Test
  void randomLongChunksRoundTrip() {
    Seeded.run(
        "randomLongChunksRoundTrip",
        random -> {
          for (int iteration = 0; iteration < 300; iteration++) {
            int n = randomCount(random);
            roundTrip(timestamps(random, n), longValues(random, n), n, ValueKind.LONG, random);
          }
        });
  }

  @Test
  void decimalDoublesRoundTripAtTheirScale() {
    Seeded.run(
        "decimalDoublesRoundTripAtTheirScale",
        random -> {
          for (int places = 0; places <= 9; places++) {
            for (int iteration = 0; iteration < 20; iteration++) {
              int n = randomCount(random);
              long[] vs = decimalValues(random, n, places);
              roundTrip(timestamps(random, n), vs, n, ValueKind.DOUBLE, random);
              int expected = smallestScale(vs, n);
              assertTrue(expected <= places, "values of " + places + " places");
              assertEquals(expected, decoder.scale(), "scale of " + places + "-place values");
            }
          }
        });
  }

  /**
   * The scale, found the slow and obvious way: the fewest decimals of any value's shortest repr.
   */
  private static int smallestScale(long[] vs, int n) {
    int scale = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal exact = new BigDecimal(Double.toString(Double.longBitsToDouble(vs[i])));
      scale = Math.max(scale, Math.max(0, exact.stripTrailingZeros().scale()));
    }
    return scale;
  }

  @Test
  void randomAndSpecialDoublesRoundTrip() {
    Seeded.run(
        "randomAndSpecialDoublesRoundTrip",
        random -> {
          for (int iteration = 0; iteration < 200; iteration++) {
            int n = randomCount(random);
            long[] vs;
            switch (random.nextInt(3)) {
              case 0 -> vs = specialDoubles(random, n);
              case 1 -> {
                vs = new long[n];
                double scale = Math.pow(10, random.nextInt(30) - 15);
                for (int i = 0; i < n; i++) {
                  vs[i] = raw(random.nextDouble() * scale);
                }
              }
              default -> {
                // decimals with one special value somewhere: the whole chunk falls back
                vs = decimalValues(random, n, random.nextInt(10));
                vs[random.nextInt(n)] =
                    raw(
                        new double[] {-0.0, Double.NaN, Double.NEGATIVE_INFINITY}
                            [random.nextInt(3)]);
              }
            }
            roundTrip(timestamps(random, n), vs, n, ValueKind.DOUBLE, random);
          }
        });
  }

  @Test
  void constantAndSinglePointChunks() {
    Seeded.run(
        "constantAndSinglePointChunks",
        random -> {
          long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong()};
          double[] doubles = {
            0.0, -0.0, 1.0, 53.27, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e300
          };
          long[] times = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, EPOCH_2024};
          for (int n : new int[] {1, 2, 3, 1000}) {
            for (long t : times) {
              long[] ts = new long[n];
              Arrays.fill(ts, t);
              for (long v : longs) {
                long[] vs = new long[n];
                Arrays.fill(vs, v);
                roundTrip(ts, vs, n, ValueKind.LONG, random);
              }
              for (double v : doubles) {
                long[] vs = new long[n];
                Arrays.fill(vs, raw(v));
                roundTrip(ts, vs, n, ValueKind.DOUBLE, random);
              }
            }
          }
        });
  }

  @Test
  void extremeTimestampsAndValues() {
    Seeded.run(
        "extremeTimestampsAndValues",
        random -> {
          long[] ts = {Long.MIN_VALUE, Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, Long.MAX_VALUE};
          long[] vs = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0, Long.MIN_VALUE, -1, 1};
          roundTrip(ts, vs, ts.length, ValueKind.LONG, random);
          long[] bits = new long[ts.length];
          for (int i = 0; i < bits.length; i++) {
            bits[i] = raw(i % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
          }
          roundTrip(ts, bits, ts.length, ValueKind.DOUBLE, random);
          // Long.MIN_VALUE residuals defeat the common divisor: 0, MIN, 0, MIN, ...
          long[] alternating = new long[300];
          long[] regular = new long[300];
          for (int i = 0; i < alternating.length; i++) {
            alternating[i] = i % 2 == 0 ? 0 : Long.MIN_VALUE;
            regular[i] = i;
          }
          roundTrip(regular, alternating, alternating.length, ValueKind.LONG, random);
        });
  }

  @Test
  void largestChunksRoundTrip() {
    Seeded.run(
        "largestChunksRoundTrip",
        random -> {
          for (int n : new int[] {65_535, 65_536, ChunkCodec.MAX_COUNT}) {
            roundTrip(timestamps(random, n), longValues(random, n), n, ValueKind.LONG, random);
            roundTrip(
                timestamps(random, n), decimalValues(random, n, 2), n, ValueKind.DOUBLE, random);
          }
          int n = 65_535;
          roundTrip(timestamps(random, n), specialDoubles(random, n), n, ValueKind.DOUBLE, random);
        });
  }

  @Test
  void twoDecimalValuesAreScaledIntegers() {
    long[] ts = {10, 20, 30, 40};
    long[] vs = {raw(53.27), raw(53.3), raw(0.01), raw(100.0)};
    EncodedChunk chunk = encoder.encode(ts, vs, 4, ValueKind.DOUBLE);
    decoder.reset(chunk.bytes());
    assertEquals(2, decoder.scale());
    assertEquals(ChunkCodec.CODING_DECIMAL, decoder.coding());
    assertEquals((1 | ChunkCodec.CODING_DECIMAL << 1 | 2 << 3), chunk.bytes()[1]);
  }

  @Test
  void integralDoublesHaveScaleZero() {
    long[] ts = {1, 2, 3};
    long[] vs = {raw(1.0), raw(-7.0), raw(9.007199254740992E15)};
    decoder.reset(encoder.encode(ts, vs, 3, ValueKind.DOUBLE).bytes());
    assertEquals(0, decoder.scale());
  }

  @Test
  void negativeZeroNanAndInfinityForceTheXorFallback() {
    for (double special :
        new double[] {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      long[] ts = {1, 2, 3};
      long[] vs = {raw(1.5), raw(special), raw(2.25)};
      EncodedChunk chunk = encoder.encode(ts, vs, 3, ValueKind.DOUBLE);
      decoder.reset(chunk.bytes());
      assertEquals(ChunkCodec.CODING_XOR, decoder.coding(), "with " + special);
      assertEquals(-1, decoder.scale());
      assertEquals(vs[1], decoder.rawValueAt(1));
    }
  }

  @Test
  void tenDecimalsFallBackToXor() {
    long[] ts = {1, 2};
    long[] vs = {raw(0.1234567891), raw(0.5)};
    decoder.reset(encoder.encode(ts, vs, 2, ValueKind.DOUBLE).bytes());
    assertEquals(ChunkCodec.CODING_XOR, decoder.coding());
  }

  @Test
  void nineDecimalsStillScale() {
    long[] ts = {1, 2};
    long[] vs = {raw(0.123456789), raw(0.5)};
    decoder.reset(encoder.encode(ts, vs, 2, ValueKind.DOUBLE).bytes());
    assertEquals(9, decoder.scale());
  }

  @Test
  void theScaleIsTheLargestAnyValueNeeds() {
    long[] ts = {1, 2, 3};
    long[] vs = {raw(1.5), raw(2.0), raw(3.125)};
    decoder.reset(encoder.encode(ts, vs, 3, ValueKind.DOUBLE).bytes());
    assertEquals(3, decoder.scale());
    for (int i = 0; i < 3; i++) {
      assertEquals(vs[i], decoder.rawValueAt(i));
    }
  }

  @Test
  void longSumOverflowIsFlaggedOnlyWhenTheExactSumDoesNotFit() {
    long[] ts = {1, 2, 3, 4};
    ChunkSummary wraps =
        encoder.encode(ts, new long[] {Long.MAX_VALUE, 1, 0, 0}, 4, ValueKind.LONG).summary();
    assertTrue(wraps.sumOverflow());
    assertEquals(Long.MIN_VALUE, wraps.sum());
    ChunkSummary comesBack =
        encoder
            .encode(
                ts,
                new long[] {Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, -3},
                4,
                ValueKind.LONG)
            .summary();
    assertFalse(comesBack.sumOverflow());
    assertEquals(Long.MAX_VALUE - 4, comesBack.sumAsLong());
    ChunkSummary negative =
        encoder.encode(ts, new long[] {Long.MIN_VALUE, -1, 0, 0}, 4, ValueKind.LONG).summary();
    assertTrue(negative.sumOverflow());
  }

  @Test
  void firstAndLastFollowAppendOrderOnEqualTimestamps() {
    long[] ts = {5, 5, 7, 7};
    ChunkSummary summary = encoder.encode(ts, new long[] {1, 2, 3, 4}, 4, ValueKind.LONG).summary();
    assertEquals(1, summary.firstAsLong());
    assertEquals(4, summary.lastAsLong());
    assertEquals(5, summary.minTimestamp());
    assertEquals(7, summary.maxTimestamp());
  }

  @Test
  void seekFindsTheFirstOfEqualTimestamps() {
    long[] ts = {1, 3, 3, 3, 8};
    long[] vs = {10, 20, 30, 40, 50};
    decoder.reset(encoder.encode(ts, vs, 5, ValueKind.LONG).bytes());
    assertEquals(1, decoder.seek(2));
    assertEquals(1, decoder.seek(3));
    assertTrue(decoder.next());
    assertEquals(20, decoder.longValue());
    assertEquals(4, decoder.seek(4));
    assertEquals(0, decoder.seek(Long.MIN_VALUE));
    assertEquals(5, decoder.seek(9));
    assertFalse(decoder.next());
  }

  @Test
  void rejectsBadInput() {
    long[] ts = {1, 3, 2};
    long[] vs = {1, 2, 3};
    IllegalArgumentException unsorted =
        assertThrows(
            IllegalArgumentException.class, () -> encoder.encode(ts, vs, 3, ValueKind.LONG));
    assertTrue(unsorted.getMessage().contains("index 2"), unsorted.getMessage());
    assertEquals(2, encoder.encode(ts, vs, 2, ValueKind.LONG).summary().count());
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(ts, vs, 0, ValueKind.LONG));
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(ts, vs, 4, ValueKind.LONG));
    assertThrows(
        IllegalArgumentException.class,
        () -> encoder.encode(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, vs, 2, ValueKind.LONG));
    assertThrows(NullPointerException.class, () -> encoder.encode(ts, vs, 1, null));
  }

  @Test
  void rejectsUnknownVersionsAndTruncatedChunks() {
    Seeded.run(
        "rejectsUnknownVersionsAndTruncatedChunks",
        random -> {
          for (int iteration = 0; iteration < 40; iteration++) {
            int n = 1 + random.nextInt(300);
            long[] vs =
                switch (iteration % 3) {
                  case 0 -> longValues(random, n);
                  case 1 -> decimalValues(random, n, 2);
                  default -> specialDoubles(random, n);
                };
            ValueKind kind = iteration % 3 == 0 ? ValueKind.LONG : ValueKind.DOUBLE;
            byte[] bytes = encoder.encode(timestamps(random, n), vs, n, kind).bytes();
            byte[] wrongVersion = bytes.clone();
            wrongVersion[0] = 2;
            assertThrows(IllegalArgumentException.class, () -> decoder.reset(wrongVersion));
            for (int length = 0; length < bytes.length; length++) {
              byte[] truncated = Arrays.copyOf(bytes, length);
              try {
                decoder.reset(truncated);
                decoder.rawValueAt(n - 1);
                fail("decoded " + length + " of " + bytes.length + " bytes");
              } catch (IllegalArgumentException expected) {
                // the point
              }
            }
          }
        });
  }

  @Test
  void corruptBytesFailCleanly() {
    Seeded.run(
        "corruptBytesFailCleanly",
        random -> {
          for (int iteration = 0; iteration < 300; iteration++) {
            int n = 1 + random.nextInt(600);
            ValueKind kind = random.nextBoolean() ? ValueKind.LONG : ValueKind.DOUBLE;
            long[] vs =
                kind == ValueKind.LONG
                    ? longValues(random, n)
                    : random.nextBoolean()
                        ? decimalValues(random, n, random.nextInt(10))
                        : specialDoubles(random, n);
            byte[] bytes = encoder.encode(timestamps(random, n), vs, n, kind).bytes();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
              int bit = random.nextInt(bytes.length * 8);
              bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
            }
            try {
              decoder.reset(bytes);
              long sink = 0;
              while (decoder.next()) {
                sink += decoder.timestamp() + decoder.rawValue();
              }
              assertEquals(decoder.count(), decoder.index(), "sink " + sink);
            } catch (IllegalArgumentException expected) {
              // detected; anything else (or a hang) fails
            }
          }
        });
  }

  @Test
  void regularTimestampsAndConstantValuesTakeAFewBytes() {
    int n = 1000;
    long[] ts = new long[n];
    long[] vs = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = EPOCH_2024 + i * 25_920L;
      vs[i] = raw(42.5);
    }
    byte[] bytes = encoder.encode(ts, vs, n, ValueKind.DOUBLE).bytes();
    assertTrue(bytes.length <= 20, bytes.length + " bytes");
  }

  @Test
  void aGapInRegularTimestampsCostsAFewBytes() {
    int n = 1000;
    long[] ts = new long[n];
    long[] vs = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = EPOCH_2024 + i * 10_000L + (i >= 300 ? 3_600_000L : 0); // an hour missing
      vs[i] = 7;
    }
    byte[] bytes = encoder.encode(ts, vs, n, ValueKind.LONG).bytes();
    // two escaped residuals and a block of one-bit codes instead of 128 wide ones
    assertTrue(bytes.length <= 60, bytes.length + " bytes");
  }

  @Test
  void aCommonDivisorOfTheResidualsIsFactoredOut() {
    Random random = new Random(7);
    int n = 1000;
    long[] seconds = new long[n];
    long t = EPOCH_2024;
    for (int i = 0; i < n; i++) {
      t += (1 + random.nextInt(100)) * 1000L;
      seconds[i] = t;
    }
    long[] vs = new long[n];
    long[] broken = seconds.clone();
    for (int i = n / 2; i < n; i++) {
      broken[i] += 1; // one delta that is not a whole second
    }
    int whole = encoder.encode(seconds, vs, n, ValueKind.LONG).bytes().length;
    int notWhole = encoder.encode(broken, vs, n, ValueKind.LONG).bytes().length;
    assertTrue(whole + 1000 < notWhole, whole + " vs " + notWhole + " bytes");
  }

  @Test
  void theDecoderNeedsAChunk() {
    ChunkDecoder fresh = new ChunkDecoder();
    assertEquals(0, fresh.count());
    assertFalse(fresh.next());
    assertThrows(IndexOutOfBoundsException.class, () -> fresh.timestampAt(0));
  }
}
