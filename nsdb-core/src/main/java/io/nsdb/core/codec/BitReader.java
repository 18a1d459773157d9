package io.nsdb.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads back the bit fields of a {@link BitWriter}, least significant bit first, from a {@code
 * long[]} copy of the bytes (one spare zero word at the end lets every read look at two words
 * without a bounds test of its own).
 *
 * <p>Reads past the end of the data return zero bits rather than fail, so that a decoder loop does
 * not pay a test per field; a decoder checks {@link #overrun()} once at the end. Not thread-safe;
 * reusable through {@link #load}.
 */
public final class BitReader {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** {@code MASKS[n]} has the {@code n} low bits set, {@code 0 <= n <= 64}. */
  private static final long[] MASKS = new long[65];

  static {
    for (int n = 0; n < 64; n++) {
      MASKS[n] = (1L << n) - 1;
    }
    MASKS[64] = -1L;
  }

  private long[] words = new long[2];
  private int position;
  private int limit;

  public BitReader() {}

  public BitReader(byte[] bytes) {
    load(bytes, 0, bytes.length);
  }

  /** Starts reading the {@code length} bytes of {@code bytes} from {@code offset}. */
  public void load(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + " in " + bytes.length + " bytes");
    }
    if (length > (Integer.MAX_VALUE >>> 3) - 16) {
      throw new IllegalArgumentException("too many bytes to read as bits: " + length);
    }
    int fullWords = length >>> 3;
    // one word for the tail, one spare zero word for two-word reads and one for readers that run
    // past the end (corrupt input) before they check overrun()
    int needed = fullWords + 3;
    if (words.length < needed) {
      words = new long[Math.max(needed, words.length + (words.length >>> 1))];
    }
    for (int i = 0; i < fullWords; i++) {
      words[i] = (long) LONG_LE.get(bytes, offset + (i << 3));
    }
    long tailWord = 0;
    int tail = length & 7;
    int base = offset + (fullWords << 3);
    for (int i = 0; i < tail; i++) {
      tailWord |= (bytes[base + i] & 0xFFL) << (i << 3);
    }
    words[fullWords] = tailWord;
    words[fullWords + 1] = 0L;
    words[fullWords + 2] = 0L;
    position = 0;
    limit = length << 3;
  }

  /** The number of bits consumed so far. */
  public int position() {
    return position;
  }

  /** The number of bits loaded. */
  public int limit() {
    return limit;
  }

  /** Whether more bits were consumed than loaded: the input was truncated or corrupt. */
  public boolean overrun() {
    return position > limit;
  }

  /** Reads {@code n} bits, {@code 0 <= n <= 64}, as the low bits of the result. */
  public long read(int n) {
    long value = peek();
    position += n;
    return value & MASKS[n];
  }

  /** Reads one bit. */
  public boolean readBit() {
    int pos = position;
    position = pos + 1;
    return ((words[pos >>> 6] >>> pos) & 1L) != 0;
  }

  /** Reads a field written by {@link BitWriter#writeVarBits}. */
  public long readVarBits() {
    int length = (int) read(6) + 1;
    return read(length);
  }

  /**
   * The next 64 bits, without consuming them (bits past the end read as zeros). Use with {@link
   * #skip}.
   */
  public long peek() {
    int pos = position;
    int index = pos >>> 6;
    int offset = pos & 63;
    // (x << 1) << (63 - offset) is x << (64 - offset) that yields 0, not x, when offset == 0
    return (words[index] >>> offset) | ((words[index + 1] << 1) << (63 - offset));
  }

  /** Consumes {@code n} bits. */
  public void skip(int n) {
    position += n;
  }

  /**
   * Throws when the reader is far past the end of its data, so that a decoder fed a corrupt count
   * stops instead of reading zeros for millions of values. Call at block boundaries.
   */
  void checkNotFarPastEnd() {
    if (position > limit + 64) {
      throw new IllegalArgumentException("corrupt chunk: read past the end of the data");
    }
  }
}
