package io.nsdb.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One point of a metric: epoch-millisecond {@code timestamp}, a numeric {@code value} ({@link Long}
 * or {@link Double}), and named {@code dimensions} (for filtering) and {@code tags} (for grouping)
 * whose values are {@link String}, {@link Integer}, {@link Long} or {@link Double}. A bit may omit
 * any dimension or tag; a name is either a dimension or a tag, never both.
 */
public record Bit(
    long timestamp, Number value, Map<String, Object> dimensions, Map<String, Object> tags) {

  public Bit {
    Objects.requireNonNull(value, "value");
    if (!(value instanceof Long) && !(value instanceof Double)) {
      throw new IllegalArgumentException(
          "a bit's value is a Long or a Double, not " + value.getClass().getSimpleName());
    }
    if (value instanceof Double d && !Double.isFinite(d)) {
      throw new IllegalArgumentException("a bit's value must be finite [value=" + d + "]");
    }
    dimensions = checkColumns("dimension", dimensions);
    tags = checkColumns("tag", tags);
    // Most bits have no dimensions; this check then costs nothing on the ingest path.
    if (!dimensions.isEmpty()) {
      for (String name : tags.keySet()) {
        if (dimensions.containsKey(name)) {
          throw new IllegalArgumentException(
              "a column is a dimension or a tag, not both [column=" + name + "]");
        }
      }
    }
  }

  public static Bit of(long timestamp, Number value) {
    return new Bit(timestamp, value instanceof Integer i ? (long) i : value, Map.of(), Map.of());
  }

  public ColumnType valueType() {
    return value instanceof Long ? ColumnType.BIGINT : ColumnType.DECIMAL;
  }

  private static Map<String, Object> checkColumns(String kind, Map<String, Object> columns) {
    Map<String, Object> copy = Map.copyOf(columns);
    if (copy.isEmpty() || CheckedColumns.contains(copy)) {
      return copy;
    }
    for (Map.Entry<String, Object> column : copy.entrySet()) {
      MetricKey.requireName(kind, column.getKey());
      if (column.getKey().equals("timestamp") || column.getKey().equals("value")) {
        throw new IllegalArgumentException(
            "a "
                + kind
                + " cannot be named like a built-in column [column="
                + column.getKey()
                + "]");
      }
      ColumnType.of(column.getValue());
      if (column.getValue() instanceof Double d && !Double.isFinite(d)) {
        throw new IllegalArgumentException(
            "a "
                + kind
                + " value must be finite [column="
                + column.getKey()
                + ", value="
                + d
                + "]");
      }
    }
    CheckedColumns.add(copy);
    return copy;
  }
}
