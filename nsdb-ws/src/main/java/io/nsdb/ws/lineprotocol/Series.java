package io.nsdb.ws.lineprotocol;

import java.util.Arrays;
import java.util.Map;

/**
 * A series key (measurement and tag section, as written) parsed once: the measurement, the
 * immutable tag map every bit of the series shares, and the metric name of each field key seen, so
 * that a repeated series costs one hash lookup and no allocation. Confined to one parser's thread.
 */
final class Series {

  /** Field keys remembered per series; a series with more builds the rest each time. */
  private static final int MAX_FIELDS = 64;

  final byte[] key;
  final int hash;
  final String measurement;
  final Map<String, Object> tags;

  private Field[] fields = new Field[2];
  private int fieldCount;

  Series(byte[] key, int hash, String measurement, Map<String, Object> tags) {
    this.key = key;
    this.hash = hash;
    this.measurement = measurement;
    this.tags = tags;
  }

  /** A numeric field key of this series and the metric its values go to. */
  record Field(byte[] key, String metric) {}

  boolean keyEquals(byte[] buf, int start, int end) {
    return Arrays.equals(key, 0, key.length, buf, start, end);
  }

  /** The remembered field whose key is {@code buf[start, end)}, or null. */
  Field field(byte[] buf, int start, int end) {
    for (int i = 0; i < fieldCount; i++) {
      byte[] fieldKey = fields[i].key;
      if (Arrays.equals(fieldKey, 0, fieldKey.length, buf, start, end)) {
        return fields[i];
      }
    }
    return null;
  }

  /** A field for a key {@link #field} did not find, remembered while there is room. */
  Field remember(byte[] buf, int start, int end, String metric) {
    Field field = new Field(Arrays.copyOfRange(buf, start, end), metric);
    if (fieldCount < MAX_FIELDS) {
      if (fieldCount == fields.length) {
        fields = Arrays.copyOf(fields, fields.length * 2);
      }
      fields[fieldCount++] = field;
    }
    return field;
  }
}
