package io.nsdb.core.commitlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable output and bounded input over byte arrays: big-endian fixed widths and varints. */
final class Bytes {

  private Bytes() {}

  /** A growable byte array. */
  static final class Out {
    private byte[] buf;
    private int size;

    Out(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    int size() {
      return size;
    }

    /** The backing array; its first {@link #size()} bytes are the output. */
    byte[] array() {
      return buf;
    }

    private void ensure(int more) {
      if (buf.length - size < more) {
        long wanted = Math.max((long) buf.length * 2, (long) size + more);
        if (wanted > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("a commit log record cannot exceed 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) wanted);
      }
    }

    void skip(int n) {
      ensure(n);
      size += n;
    }

    void writeByte(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void writeBytes(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }

    void writeLong(long v) {
      ensure(8);
      putLong(buf, size, v);
      size += 8;
    }

    /** Unsigned LEB128: seven bits per byte, low bits first, high bit set on all but the last. */
    void writeVarLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    /** Zigzag ({@code 0, -1, 1, -2 → 0, 1, 2, 3}) then {@link #writeVarLong}. */
    void writeZigZag(long v) {
      writeVarLong((v << 1) ^ (v >> 63));
    }

    /**
     * Varint length then UTF-8. A string with an unpaired surrogate has no UTF-8 form and would not
     * come back as written, so it is refused.
     */
    void writeString(String s) {
      requireWellFormed(s);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      writeVarLong(utf8.length);
      writeBytes(utf8);
    }
  }

  /** A cursor over {@code [pos, end)} of an array; reading past {@code end} is an error. */
  static final class In {
    private final byte[] buf;
    private int pos;
    private final int end;

    In(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    int position() {
      return pos;
    }

    int remaining() {
      return end - pos;
    }

    private void need(int n) {
      if (end - pos < n) {
        throw new MalformedException("unexpected end of record");
      }
    }

    int readByte() {
      need(1);
      return buf[pos++] & 0xFF;
    }

    long readLong() {
      need(8);
      long v = getLong(buf, pos);
      pos += 8;
      return v;
    }

    long readVarLong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        if (shift == 63 && (b & 0xFE) != 0) {
          throw new MalformedException("varint overflows 64 bits");
        }
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new MalformedException("varint longer than 10 bytes");
    }

    /** A varint that must lie in {@code [0, max]}. */
    int readVarInt(int max) {
      long v = readVarLong();
      if (v < 0 || v > max) {
        throw new MalformedException("value out of range [value=" + v + ", max=" + max + "]");
      }
      return (int) v;
    }

    long readZigZag() {
      long v = readVarLong();
      return (v >>> 1) ^ -(v & 1);
    }

    String readString() {
      int length = readVarInt(remaining());
      String s = new String(buf, pos, length, StandardCharsets.UTF_8);
      pos += length;
      return s;
    }
  }

  /** The payload of a record whose checksum matched does not decode: a bug, or a forged record. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private static void requireWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "a string with an unpaired surrogate cannot be logged [index=" + i + "]");
      }
    }
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  static long getLong(byte[] b, int at) {
    return (long) getInt(b, at) << 32 | (getInt(b, at + 4) & 0xFFFFFFFFL);
  }
}
