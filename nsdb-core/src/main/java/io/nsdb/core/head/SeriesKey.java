package io.nsdb.core.head;

import java.util.Arrays;
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
    this.hash = 31 * hash(this.dimensions) + hash(this.tags);
  }

  /**
   * A map's hash over its entries in name order, mixed. Not {@link Map#hashCode()}: that sums the
   * entries' hashes, and series that differ in a few characters of two columns (host_0042 in
   * region_2, ...) collide so often that the head's buffer table degrades into long chains.
   */
  private static int hash(Map<String, Object> columns) {
    if (columns.isEmpty()) {
      return 0;
    }
    String[] names = columns.keySet().toArray(new String[0]);
    Arrays.sort(names);
    int h = 1;
    for (String name : names) {
      h = 31 * h + name.hashCode();
      h = 31 * h + columns.get(name).hashCode();
    }
    // murmur3's finalizer: spread every input bit over the whole hash
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
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
    return this == other
        || other instanceof SeriesKey that
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
