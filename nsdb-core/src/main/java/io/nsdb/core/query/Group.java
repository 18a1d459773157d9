package io.nsdb.core.query;

import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.sql.tree.Aggregation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accumulators of one group of an aggregation (the whole select, one GROUP BY value or one
 * bucket) and the row they make. The one evaluator of aggregations: a one-off query ({@link
 * AggregateSelect}) fills groups from a scan and renders them once; a {@link LiveAggregation} keeps
 * the same groups and goes on feeding them bit by bit, so the two can never disagree.
 */
final class Group {

  private final List<Aggregation> aggregations;
  private final Accumulator[] accumulators;

  Group(List<Aggregation> aggregations, ValueKind kind) {
    this.aggregations = aggregations;
    accumulators = new Accumulator[aggregations.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulator.of(aggregations.get(i), kind);
    }
  }

  /**
   * The group of {@code key} ({@linkplain #normalize normalised}) in {@code groups}, created on
   * first use. The bound is checked before a group is created, so a caller that keeps the map after
   * the error (a live query) finds it as it was.
   *
   * @throws io.nsdb.core.NsdbException RESULT_TOO_LARGE when a new group would make more than
   *     {@code maxRows}
   */
  @SuppressWarnings("unchecked") // normalize maps a key to one of the same type
  static <K> Group in(
      Map<K, Group> groups,
      K key,
      List<Aggregation> aggregations,
      ValueKind kind,
      QueryLimits limits) {
    K normalized = (K) normalize(key);
    Group group = groups.get(normalized);
    if (group == null) {
      if (groups.size() >= limits.maxRows()) {
        throw PlainSelect.tooLarge(limits);
      }
      group = new Group(aggregations, kind);
      groups.put(normalized, group);
    }
    return group;
  }

  /** A GROUP BY value as groups are keyed: -0.0 and 0.0 are one group. */
  static Object normalize(Object key) {
    return key instanceof Double d && d == 0 ? (Object) 0.0 : key;
  }

  boolean takesSummary(ChunkSummary summary) {
    for (Accumulator accumulator : accumulators) {
      if (!accumulator.takesSummary(summary)) {
        return false;
      }
    }
    return true;
  }

  void summary(SeriesKey series, ChunkSummary summary) {
    for (Accumulator accumulator : accumulators) {
      accumulator.addSummary(series, summary);
    }
  }

  void point(SeriesKey series, long timestamp, long value) {
    for (Accumulator accumulator : accumulators) {
      accumulator.add(series, timestamp, value);
    }
  }

  void observe(ChunkSummary summary) {
    for (Accumulator accumulator : accumulators) {
      accumulator.observe(summary);
    }
  }

  /** The earliest timestamp a point needs for any accumulator to care. */
  long usefulFrom() {
    long from = Long.MAX_VALUE;
    for (Accumulator accumulator : accumulators) {
      from = Math.min(from, accumulator.usefulFrom());
    }
    return from;
  }

  /** The latest timestamp a point needs for any accumulator to care. */
  long usefulTo() {
    long to = Long.MIN_VALUE;
    for (Accumulator accumulator : accumulators) {
      to = Math.max(to, accumulator.usefulTo());
    }
    return to;
  }

  /**
   * The group's row as the package documentation shapes it.
   *
   * @param column the GROUP BY column, put in the tags with {@code key}; null for none
   * @param bucket the GROUP BY INTERVAL bucket start, the row's timestamp; null for none
   */
  ResultRow row(String column, Object key, Long bucket) {
    Map<String, Object> tags = new LinkedHashMap<>();
    if (column != null) {
      tags.put(column, key);
    }
    Long edgeTimestamp = null;
    for (int i = 0; i < aggregations.size(); i++) {
      Accumulator accumulator = accumulators[i];
      tags.put(aggregations.get(i).label(), accumulator.result());
      if (edgeTimestamp == null && Accumulator.isEdge(aggregations.get(i).function())) {
        edgeTimestamp = accumulator.resultTimestamp();
      }
    }
    long timestamp = bucket != null ? bucket : edgeTimestamp != null ? edgeTimestamp : 0;
    return new ResultRow(timestamp, accumulators[0].result(), Map.of(), tags);
  }
}
