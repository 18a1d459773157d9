package io.nsdb.core.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a query result, in NSDb's shape. Map values may be null (an aggregation over no
 * points); maps keep insertion order.
 */
public record ResultRow(
    long timestamp, Number value, Map<String, Object> dimensions, Map<String, Object> tags) {

  public ResultRow {
    Objects.requireNonNull(dimensions, "dimensions");
    Objects.requireNonNull(tags, "tags");
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }
}
