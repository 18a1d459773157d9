package io.nsdb.core.head;

import java.util.Map;

/**
 * A series of a metric: one full set of dimension and tag values. Its hash is computed once,
 * because the write path looks a series up for every point.
 */
public final class SeriesKey {

  private final Map<String, Object> dimensions;
  private final Map<String, Object> tags;
  private final int hash;

  public SeriesKey(Map<String, Object> dimensions, Map<String, Object> tags) {
    this.dimensions = Map.copyOf(dimensions);
    this.tags = Map.copyOf(tags);
    this.hash = 31 * this.dimensions.hashCode() + this.tags.hashCode();
  }

  public Map<String, Object> dimensions() {
    return dimensions;
  }

  public Map<String, Object> tags() {
    return tags;
  }

  /** The value of a dimension or tag, or null when the series does not have it. */
  public Object column(String name) {
    Object value = dimensions.get(name);
    return value != null ? value : tags.get(name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesKey that
        && hash == that.hash
        && dimensions.equals(that.dimensions)
        && tags.equals(that.tags);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Series[dimensions=" + dimensions + ", tags=" + tags + "]";
  }
}
