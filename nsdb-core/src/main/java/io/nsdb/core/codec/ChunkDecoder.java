package io.nsdb.core.codec;

import java.util.Objects;

/**
 * Decodes chunks, one at a time, and iterates over their points without allocating.
 *
 * <p>{@link #reset(byte[], int, int) reset} reads the header and decodes the timestamps only; the
 * values are decoded on the first access to one of them. So a reader pushing a time range down can
 * {@link #seek} to the first timestamp of the range (a binary search), and never decodes the values
 * of a chunk that turns out to have no point in it.
 *
 * <pre>{@code
 * ChunkDecoder decoder = new ChunkDecoder();      // keep one per thread
 * decoder.reset(bytes);
 * decoder.seek(from);                             // optional: skip to the first timestamp >= from
 * while (decoder.next() && decoder.timestamp() < to) {
 *   consume(decoder.timestamp(), decoder.doubleValue());
 * }
 * }</pre>
 *
 * <p>Arrays are kept and grown from chunk to chunk. Not thread-safe.
 */
public final class ChunkDecoder {

  private final BitReader reader = new BitReader();
  private long[] timestamps = new long[0];
  private long[] values = new long[0];
  private int count;
  private ValueKind kind;
  private int coding;
  private int scale;
  private boolean valuesDecoded;
  private int cursor;

  /** Positions the decoder on {@code bytes}, the whole of an encoded chunk. */
  public ChunkDecoder reset(byte[] bytes) {
    return reset(bytes, 0, bytes.length);
  }

  /**
   * Positions the decoder on the chunk in {@code bytes[offset..offset + length)}: reads the header,
   * decodes the timestamps, and puts the cursor before the first point.
   *
   * @throws IllegalArgumentException if the bytes are not a chunk of a known format version, or are
   *     truncated or corrupt (as far as can be told without a checksum)
   */
  public ChunkDecoder reset(byte[] bytes, int offset, int length) {
    count = 0;
    cursor = -1;
    valuesDecoded = false;
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + " in " + bytes.length + " bytes");
    }
    if (length < 3) {
      throw corrupt("a chunk has at least 3 bytes, got " + length);
    }
    if (bytes[offset] != ChunkCodec.FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unknown chunk format version "
              + (bytes[offset] & 0xFF)
              + " (this code reads version "
              + ChunkCodec.FORMAT_VERSION
              + ")");
    }
    int flags = bytes[offset + 1] & 0xFF;
    ValueKind kind = (flags & 1) == 0 ? ValueKind.LONG : ValueKind.DOUBLE;
    int coding = (flags >>> 1) & 3;
    int scale = (flags >>> 3) & 15;
    boolean consistent =
        (flags & 0x80) == 0
            && (kind == ValueKind.LONG
                ? coding == ChunkCodec.CODING_INTEGER && scale == 0
                : coding == ChunkCodec.CODING_DECIMAL && scale <= DecimalScale.MAX_SCALE
                    || coding == ChunkCodec.CODING_XOR && scale == 0);
    if (!consistent) {
      throw corrupt("bad flags byte 0x" + Integer.toHexString(flags));
    }
    int pos = offset + 2;
    int end = offset + length;
    int n = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos == end || shift > 21) {
        throw corrupt("bad point count");
      }
      int b = bytes[pos++];
      n |= (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
    }
    if (n < 1 || n > ChunkCodec.MAX_COUNT) {
      throw corrupt("point count " + n + " out of range");
    }
    if (timestamps.length < n) {
      int capacity = Math.max(n, Math.min(ChunkCodec.MAX_COUNT, timestamps.length * 2));
      timestamps = new long[capacity];
      values = new long[capacity];
    }
    reader.load(bytes, pos, end - pos);
    try {
      IntegerSequence.decode(reader, timestamps, n);
    } catch (IndexOutOfBoundsException e) {
      throw corrupt("truncated timestamps");
    }
    if (reader.overrun()) {
      throw corrupt("truncated timestamps");
    }
    this.kind = kind;
    this.coding = coding;
    this.scale = scale;
    this.count = n;
    return this;
  }

  private static IllegalArgumentException corrupt(String what) {
    return new IllegalArgumentException("corrupt chunk: " + what);
  }

  private void decodeValues() {
    if (count == 0) {
      throw new IllegalStateException("no chunk: reset the decoder onto one first");
    }
    try {
      switch (coding) {
        case ChunkCodec.CODING_INTEGER -> IntegerSequence.decode(reader, values, count);
        case ChunkCodec.CODING_DECIMAL -> {
          IntegerSequence.decode(reader, values, count);
          double power = DecimalScale.POWERS[scale];
          long[] v = values;
          for (int i = 0, n = count; i < n; i++) {
            v[i] = Double.doubleToRawLongBits(v[i] / power);
          }
        }
        default -> XorSequence.decode(reader, values, count);
      }
    } catch (IndexOutOfBoundsException e) {
      throw corrupt("truncated values");
    }
    if (reader.overrun()) {
      throw corrupt("truncated values");
    }
    valuesDecoded = true;
  }

  /** The number of points of the current chunk. */
  public int count() {
    return count;
  }

  /** The kind of the current chunk's values. */
  public ValueKind kind() {
    return kind;
  }

  /** The decimal places of a chunk whose doubles are coded as scaled integers, else -1. */
  int scale() {
    return coding == ChunkCodec.CODING_DECIMAL ? scale : -1;
  }

  /** The value coding: {@link ChunkCodec#CODING_INTEGER} and so on. */
  int coding() {
    return coding;
  }

  /** The timestamp of point {@code index}. */
  public long timestampAt(int index) {
    return timestamps[checkIndex(index)];
  }

  /** The value of point {@code index}: a long, or raw double bits (see {@link #rawValue()}). */
  public long rawValueAt(int index) {
    checkIndex(index);
    if (!valuesDecoded) {
      decodeValues();
    }
    return values[index];
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("point " + index + " of " + count);
    }
    return index;
  }

  /** The timestamp of the last point (the chunk's maximum), without decoding any value. */
  public long maxTimestamp() {
    return timestampAt(count - 1);
  }

  /** The timestamp of the first point (the chunk's minimum). */
  public long minTimestamp() {
    return timestampAt(0);
  }

  /**
   * Copies the timestamps of points {@code [from, to)} to {@code dst} at {@code offset}; no value
   * is decoded.
   */
  public void copyTimestamps(int from, int to, long[] dst, int offset) {
    Objects.checkFromToIndex(from, to, count);
    System.arraycopy(timestamps, from, dst, offset, to - from);
  }

  /**
   * Copies the values of points {@code [from, to)} (longs, or raw double bits) to {@code dst} at
   * {@code offset}.
   */
  public void copyRawValues(int from, int to, long[] dst, int offset) {
    Objects.checkFromToIndex(from, to, count);
    if (!valuesDecoded) {
      decodeValues();
    }
    System.arraycopy(values, from, dst, offset, to - from);
  }

  /**
   * The index of the first point whose timestamp is at least {@code timestamp} ({@link #count()} if
   * there is none), found by binary search over the decoded timestamps; the cursor is put just
   * before it, so that {@link #next()} moves onto it.
   */
  public int seek(long timestamp) {
    int low = 0;
    int high = count;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (timestamps[mid] < timestamp) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    cursor = low - 1;
    return low;
  }

  /** Moves the cursor to the next point; false (and the cursor stays past the end) if none. */
  public boolean next() {
    if (cursor + 1 < count) {
      cursor++;
      return true;
    }
    cursor = count;
    return false;
  }

  /** The index of the cursor's point. */
  public int index() {
    return cursor;
  }

  /** The timestamp of the cursor's point. */
  public long timestamp() {
    return timestamps[cursor];
  }

  /**
   * The cursor's value as stored: the long of a {@code LONG} chunk, {@link
   * Double#doubleToRawLongBits raw bits} of the double of a {@code DOUBLE} chunk.
   */
  public long rawValue() {
    if (!valuesDecoded) {
      decodeValues();
    }
    return values[cursor];
  }

  /**
   * The cursor's value as a long: exact for a {@code LONG} chunk, a {@code (long)} cast of the
   * double of a {@code DOUBLE} chunk.
   */
  public long longValue() {
    long raw = rawValue();
    return kind == ValueKind.LONG ? raw : (long) Double.longBitsToDouble(raw);
  }

  /**
   * The cursor's value as a double: exact for a {@code DOUBLE} chunk, a {@code (double)} cast of
   * the long of a {@code LONG} chunk.
   */
  public double doubleValue() {
    long raw = rawValue();
    return kind == ValueKind.DOUBLE ? Double.longBitsToDouble(raw) : (double) raw;
  }
}
