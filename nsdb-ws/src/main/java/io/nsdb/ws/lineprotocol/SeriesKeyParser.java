package io.nsdb.ws.lineprotocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Parses a series key, {@code measurement(,tagKey=tagValue)*} as written in a line, into a {@link
 * Series}. Runs once per distinct key (the cache holds the result), so it may allocate freely.
 *
 * <p>Escapes: {@code \,} and {@code \ } in the measurement; {@code \,}, {@code \ } and {@code \=}
 * in tag keys and values. A backslash before any other byte stays as written, as in InfluxDB. Since
 * names follow the identifier rule, an escape is only ever useful in a tag value.
 */
final class SeriesKeyParser {

  private SeriesKeyParser() {}

  /**
   * The series of {@code buf[start, end)}, a range without unescaped spaces or newlines; {@code
   * names} gives the shared instance of the measurement name.
   *
   * @throws LineRejected naming the first bad part
   */
  static Series parse(
      byte[] buf, int start, int end, int hash, int line, UnaryOperator<String> names)
      throws LineRejected {
    int i = start;
    boolean escaped = false;
    while (i < end && buf[i] != ',') {
      if (buf[i] == '\\' && i + 1 < end) {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i == start) {
      throw new LineRejected("missing measurement [line=" + line + "]");
    }
    if (escaped || !Bytes.isName(buf, start, i)) {
      throw new LineRejected(
          "invalid measurement name [line="
              + line
              + ", measurement="
              + Bytes.quote(Bytes.unescape(buf, start, i, ", "))
              + ", rule="
              + Bytes.NAME_RULE
              + "]");
    }
    String measurement = names.apply(Bytes.ascii(buf, start, i));
    Map<String, Object> tags = new HashMap<>();
    while (i < end) {
      i = tag(buf, i + 1, end, line, tags);
    }
    return new Series(Arrays.copyOfRange(buf, start, end), hash, measurement, Map.copyOf(tags));
  }

  /** Parses the tag at {@code start} into {@code tags}; returns where it ends (a comma or end). */
  private static int tag(byte[] buf, int start, int end, int line, Map<String, Object> tags)
      throws LineRejected {
    int i = start;
    boolean escaped = false;
    while (i < end && buf[i] != '=' && buf[i] != ',') {
      if (buf[i] == '\\' && i + 1 < end) {
        escaped = true;
        i++;
      }
      i++;
    }
    int keyEnd = i;
    if (keyEnd == start) {
      throw new LineRejected("missing tag key [line=" + line + "]");
    }
    String key =
        Bytes.columnName(
            buf,
            start,
            keyEnd,
            escaped,
            line,
            "tag",
            "invalid tag key",
            "tag key is a built-in column");
    if (i == end || buf[i] == ',') {
      throw new LineRejected("missing tag value [line=" + line + ", tag=" + key + "]");
    }
    int valueStart = ++i;
    while (i < end && buf[i] != ',') {
      if (buf[i] == '\\' && i + 1 < end) {
        i++;
      } else if (buf[i] == '=') {
        throw new LineRejected("unescaped '=' in tag value [line=" + line + ", tag=" + key + "]");
      }
      i++;
    }
    if (i == valueStart) {
      throw new LineRejected("missing tag value [line=" + line + ", tag=" + key + "]");
    }
    if (tags.put(key, Bytes.unescape(buf, valueStart, i, ", =")) != null) {
      throw new LineRejected("duplicate tag key [line=" + line + ", tag=" + key + "]");
    }
    return i;
  }
}
