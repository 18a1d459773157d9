package io.nsdb.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends bit fields to a growing {@code long[]}, least significant bit first: bit {@code i} of the
 * stream is bit {@code i & 63} of word {@code i >>> 6}, so that once the words are written out
 * little-endian, bit {@code i} is bit {@code i & 7} of byte {@code i >>> 3}. {@link BitReader}
 * reads the same layout back.
 *
 * <p>Not thread-safe; reusable through {@link #reset()}.
 */
public final class BitWriter {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long[] words;
  private int position;

  public BitWriter() {
    this(64);
  }

  public BitWriter(int initialWords) {
    words = new long[Math.max(2, initialWords)];
  }

  /** Forgets everything written; keeps the buffer. */
  public void reset() {
    Arrays.fill(words, 0, Math.min(words.length, (position >>> 6) + 2), 0L);
    position = 0;
  }

  /** The number of bits written so far. */
  public int bitLength() {
    return position;
  }

  /** The number of bytes {@link #copyTo} writes: the bits, rounded up to a whole byte. */
  public int byteLength() {
    return (position + 7) >>> 3;
  }

  /**
   * Appends the {@code n} low bits of {@code bits} ({@code 0 <= n <= 64}); the bits above {@code n}
   * are ignored.
   */
  public void write(long bits, int n) {
    if (n < 64) {
      bits &= (1L << n) - 1; // n == 0 clears everything: 1L << 0 == 1
    }
    int pos = position;
    int index = pos >>> 6;
    int offset = pos & 63;
    if (index + 2 > words.length) {
      words = Arrays.copyOf(words, Math.max(index + 2, words.length * 2));
    }
    words[index] |= bits << offset;
    if (offset + n > 64) {
      words[index + 1] = bits >>> (64 - offset);
    }
    position = pos + n;
  }

  /** Appends one bit. */
  public void writeBit(boolean bit) {
    write(bit ? 1L : 0L, 1);
  }

  /**
   * Appends {@code value} as a self-delimiting field: 6 bits {@code L - 1}, where {@code L} is the
   * bit length of {@code value} taken as unsigned (at least 1), then its {@code L} low bits. Costs
   * 7 to 70 bits.
   */
  public void writeVarBits(long value) {
    int length = Math.max(1, 64 - Long.numberOfLeadingZeros(value));
    write(length - 1, 6);
    write(value, length);
  }

  /** Copies the bytes written so far to {@code dst} at {@code offset}; {@link #byteLength()}. */
  public void copyTo(byte[] dst, int offset) {
    int bytes = byteLength();
    int fullWords = bytes >>> 3;
    for (int i = 0; i < fullWords; i++) {
      LONG_LE.set(dst, offset + (i << 3), words[i]);
    }
    int tail = bytes & 7;
    if (tail != 0) {
      long word = words[fullWords];
      int base = offset + (fullWords << 3);
      for (int i = 0; i < tail; i++) {
        dst[base + i] = (byte) (word >>> (i << 3));
      }
    }
  }
}
