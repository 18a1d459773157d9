package io.nsdb.core.stream;

import java.util.Objects;

/**
 * A {@code column = literal} conjunct at the top of a WHERE, usable as an index key: every bit the
 * query matches has {@code column}, and its value's {@link IndexKey} is {@code key}.
 *
 * @param column a dimension, a tag, {@code timestamp} or {@code value}
 * @param key the literal's {@link IndexKey}
 */
public record Equality(String column, Object key) {

  public Equality {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(key, "key");
  }
}
