package io.nsdb.core.model;

/**
 * The types of values and columns, named as in NSDb and in {@code DESCRIBE}. A Java value maps to
 * exactly one: {@link Integer} to INT, {@link Long} to BIGINT, {@link Double} to DECIMAL, {@link
 * String} to VARCHAR.
 */
public enum ColumnType {
  VARCHAR,
  INT,
  BIGINT,
  DECIMAL;

  /** The type of a column value; anything but Integer, Long, Double and String is refused. */
  public static ColumnType of(Object value) {
    return switch (value) {
      case String s -> VARCHAR;
      case Integer i -> INT;
      case Long l -> BIGINT;
      case Double d -> DECIMAL;
      case null -> throw new IllegalArgumentException("a column value must not be null");
      default ->
          throw new IllegalArgumentException(
              "unsupported column value type "
                  + value.getClass().getSimpleName()
                  + " [value="
                  + value
                  + ", supported=String, Integer, Long, Double]");
    };
  }

  public boolean isInteger() {
    return this == INT || this == BIGINT;
  }
}
