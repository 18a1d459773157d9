package io.nsdb.ws.lineprotocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Byte-range helpers of the parser: names, escapes, integers and text for messages. */
final class Bytes {

  /** The identifier rule of {@code MetricKey.requireName}, for messages. */
  static final String NAME_RULE = "[A-Za-z_][A-Za-z0-9_]*";

  /** Values quoted in messages are cut to this many bytes, so a reason stays readable. */
  private static final int MAX_QUOTED = 64;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /**
   * Where the series key starting at {@code start} ends: at the first space, tab, carriage return
   * or newline that is not escaped, or at {@code end}. A backslash escapes the next byte, except a
   * newline, which always ends the line.
   *
   * <p>Eight bytes at a time while a word holds no byte below {@code 0x21} and no backslash (the
   * usual key is 40 to 80 plain bytes); the word that does is finished a byte at a time.
   */
  static int seriesKeyEnd(byte[] buf, int start, int end) {
    int i = start;
    while (i + Long.BYTES <= end) {
      long word = (long) LONGS.get(buf, i);
      long controlOrSpace = (word - ONES * 0x21) & ~word & HIGHS;
      long backslashes = word ^ (ONES * '\\');
      backslashes = (backslashes - ONES) & ~backslashes & HIGHS;
      if ((controlOrSpace | backslashes) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    while (i < end) {
      byte c = buf[i];
      if (c == '\\') {
        i += i + 1 < end && buf[i + 1] != '\n' ? 2 : 1;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        return i;
      } else {
        i++;
      }
    }
    return end;
  }

  /** Whether {@code buf[start, end)} is a name: {@code [A-Za-z_][A-Za-z0-9_]*}. */
  static boolean isName(byte[] buf, int start, int end) {
    return start < end && !isDigit(buf[start]) && isNamePart(buf, start, end);
  }

  /** Whether {@code buf[start, end)} is non-empty and only letters, digits and underscores. */
  static boolean isNamePart(byte[] buf, int start, int end) {
    if (start >= end) {
      return false;
    }
    for (int i = start; i < end; i++) {
      int c = buf[i];
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Whether the range holds exactly the ASCII text {@code word}. */
  static boolean equalsAscii(byte[] buf, int start, int end, String word) {
    if (end - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (buf[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A name already checked by {@link #isName} or {@link #isNamePart}, hence ASCII. */
  static String ascii(byte[] buf, int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /**
   * The UTF-8 text of a range after removing the backslash of each escape in {@code escaped} (for
   * example {@code ", ="} for tag values); other backslashes stay, as in InfluxDB.
   */
  static String unescape(byte[] buf, int start, int end, String escaped) {
    byte[] out = null;
    int length = 0;
    for (int i = start; i < end; i++) {
      byte c = buf[i];
      if (c == '\\' && i + 1 < end && escaped.indexOf(buf[i + 1]) >= 0) {
        if (out == null) {
          out = new byte[end - start];
          System.arraycopy(buf, start, out, 0, i - start);
          length = i - start;
        }
        c = buf[++i];
      }
      if (out != null) {
        out[length++] = c;
      }
    }
    return out == null
        ? new String(buf, start, end - start, StandardCharsets.UTF_8)
        : new String(out, 0, length, StandardCharsets.UTF_8);
  }

  /** The text of a range for a message, cut to a readable length. */
  static String quote(byte[] buf, int start, int end) {
    if (end - start <= MAX_QUOTED) {
      return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }
    return new String(buf, start, MAX_QUOTED, StandardCharsets.UTF_8) + "...";
  }

  /**
   * A tag key or string-field key: a name by the identifier rule and not a built-in column ({@code
   * timestamp}, {@code value}), or the line is rejected with {@code invalid} or {@code builtIn}
   * naming it as {@code kind}. An escaped key is never a valid name.
   */
  static String columnName(
      byte[] buf,
      int start,
      int end,
      boolean escaped,
      int line,
      String kind,
      String invalid,
      String builtIn)
      throws LineRejected {
    if (escaped || !isName(buf, start, end)) {
      String shown = escaped ? quote(unescape(buf, start, end, ", =")) : quote(buf, start, end);
      throw new LineRejected(
          invalid + " [line=" + line + ", " + kind + "=" + shown + ", rule=" + NAME_RULE + "]");
    }
    String key = ascii(buf, start, end);
    if (key.equals("timestamp") || key.equals("value")) {
      throw new LineRejected(builtIn + " [line=" + line + ", " + kind + "=" + key + "]");
    }
    return key;
  }

  /** A string for a message, cut to a readable length. */
  static String quote(String text) {
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
  }

  /**
   * A hash of the range, eight bytes at a time; {@code seed} differs per cache so that colliding
   * keys cannot be precomputed.
   */
  static int hash(byte[] buf, int start, int end, long seed) {
    long h = seed ^ ((end - start) * MIX);
    int i = start;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      h = (h ^ (long) LONGS.get(buf, i)) * MIX;
      h ^= h >>> 29;
    }
    if (i < end) {
      long tail = 0;
      for (int shift = 0; i < end; i++, shift += 8) {
        tail |= (buf[i] & 0xFFL) << shift;
      }
      h = (h ^ tail) * MIX;
    }
    h ^= h >>> 32;
    return (int) h;
  }

  /** Whether the range is {@code -?[0-9]+} ({@code allowSign} false: {@code [0-9]+}). */
  static boolean isInteger(byte[] buf, int start, int end, boolean allowSign) {
    int i = allowSign && start < end && buf[start] == '-' ? start + 1 : start;
    if (i == end) {
      return false;
    }
    for (; i < end; i++) {
      if (!isDigit(buf[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of a range that {@link #isInteger} accepted.
   *
   * @throws ArithmeticException if it does not fit a long
   */
  static long parseLong(byte[] buf, int start, int end) {
    int i = start;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
    }
    // Accumulated negatively so that Long.MIN_VALUE fits.
    long value = 0;
    for (; i < end; i++) {
      int digit = buf[i] - '0';
      if (value < Long.MIN_VALUE / 10) {
        throw new ArithmeticException();
      }
      value *= 10;
      if (value < Long.MIN_VALUE + digit) {
        throw new ArithmeticException();
      }
      value -= digit;
    }
    if (negative) {
      return value;
    }
    if (value == Long.MIN_VALUE) {
      throw new ArithmeticException();
    }
    return -value;
  }
}
