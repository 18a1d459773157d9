package io.nsdb.core.query;

import io.nsdb.core.codec.ChunkCodec;
import io.nsdb.core.codec.ChunkDecoder;
import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.scan.ChunkSource;
import io.nsdb.core.shard.ChunkReader;
import io.nsdb.sql.tree.AggregateFunction;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.TagGroupBy;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.lucene.util.BytesRef;

/**
 * Global aggregations, GROUP BY a column and GROUP BY INTERVAL, over points and over whole-chunk
 * summaries where they answer. Each computes its {@link Groups}, every group of them; {@link
 * Groups#rows} turns them into rows. The split lets a {@link LiveAggregation} start from the very
 * groups a one-off query renders, instead of computing its state a second way.
 */
final class AggregateSelect {

  private AggregateSelect() {}

  /**
   * The groups of an aggregation over the points {@code visit} hands over, every group of them
   * (LIMIT cuts only the rows, {@link Groups#rows}).
   */
  static Groups groups(
      Select select, ValueKind kind, TimeRange range, QueryLimits limits, PlainSelect.Visit visit) {
    List<Aggregation> aggregations = select.aggregations();
    Comparator<ChunkSource> order = chunkOrder(aggregations);
    PlainSelect.Visit ordered = (handler, ignored) -> visit.run(handler, order);
    return switch (select.groupBy().orElse(null)) {
      case null -> global(aggregations, kind, ordered);
      case TagGroupBy tag -> byColumn(tag.tag().value(), aggregations, kind, limits, ordered);
      case IntervalGroupBy interval ->
          byInterval(interval.interval().toMillis(), aggregations, kind, range, limits, ordered);
    };
  }

  private static Groups global(
      List<Aggregation> aggregations, ValueKind kind, PlainSelect.Visit visit) {
    Group group = new Group(aggregations, kind);
    visit.run(handler(series -> group));
    return new Groups.Global(group);
  }

  /**
   * Whether a global or GROUP BY column aggregation can run on summaries ({@link
   * #globalFromSummaries}, {@link #byColumnFromSummaries}): every aggregation is one a summary
   * answers and none needs the series (count(*), count of value or timestamp, sum, min, max, avg).
   */
  static boolean summariesSuffice(Select select) {
    if (select.groupBy().orElse(null) instanceof IntervalGroupBy) {
      return false;
    }
    for (Aggregation aggregation : select.aggregations()) {
      boolean ok =
          switch (aggregation.function()) {
            case COUNT ->
                !aggregation.distinct()
                    && aggregation.column().map(c -> Accumulator.isBuiltIn(c.value())).orElse(true);
            case SUM, MIN, MAX, AVG -> true;
            // Grouped first/last skip chunks that cannot win, decoding the rest.
            case FIRST, LAST -> select.groupBy().isPresent();
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether a global select is only count(*), count(value) or count(timestamp). */
  static boolean countsOnly(Select select) {
    return select.groupBy().isEmpty()
        && select.aggregations().stream()
            .allMatch(
                a ->
                    a.function() == AggregateFunction.COUNT
                        && !a.distinct()
                        && a.column().map(c -> Accumulator.isBuiltIn(c.value())).orElse(true));
  }

  /** The row of a {@link #countsOnly} select over {@code count} points. */
  static List<ResultRow> countRow(List<Aggregation> aggregations, long count) {
    Map<String, Object> tags = new LinkedHashMap<>();
    for (Aggregation aggregation : aggregations) {
      tags.put(aggregation.label(), count);
    }
    return List.of(new ResultRow(0, count, Map.of(), tags));
  }

  /**
   * A global aggregation straight from chunk summaries (and the points of the chunks they do not
   * answer for), without building chunk records or reading series: the fast path of {@code
   * count(*)} and friends when the WHERE is only a time range and series filter.
   */
  static Groups globalFromSummaries(
      Select select,
      ValueKind kind,
      TimeRange range,
      Deadline deadline,
      Consumer<ChunkReader.SummaryConsumer> source) {
    List<Aggregation> aggregations = select.aggregations();
    Group group = new Group(aggregations, kind);
    ChunkDecoder decoder = ChunkCodec.decoder();
    source.accept(
        new ChunkReader.SummaryConsumer() {
          @Override
          public boolean takes(ChunkSummary summary) {
            deadline.check();
            return summary.minTimestamp() >= range.from()
                && summary.maxTimestamp() <= range.to()
                && group.takesSummary(summary);
          }

          @Override
          public void summary(ChunkSummary summary) {
            group.summary(null, summary);
          }

          @Override
          public void encoded(BytesRef points) {
            decoder.reset(points.bytes, points.offset, points.length);
            decoder.seek(range.from());
            while (decoder.next() && decoder.timestamp() <= range.to()) {
              group.point(null, decoder.timestamp(), decoder.rawValue());
            }
          }

          @Override
          public void point(long timestamp, long value) {
            group.point(null, timestamp, value);
          }
        });
    return new Groups.Global(group);
  }

  private static Groups byColumn(
      String column,
      List<Aggregation> aggregations,
      ValueKind kind,
      QueryLimits limits,
      PlainSelect.Visit visit) {
    Map<Object, Group> groups = new HashMap<>();
    visit.run(
        handler(
            series -> {
              Object key = series.column(column);
              return key == null ? null : Group.in(groups, key, aggregations, kind, limits);
            }));
    return new Groups.ByColumn(column, groups);
  }

  /**
   * GROUP BY a column straight from chunk summaries, the group read from the column's doc values:
   * no chunk records, no series keys. For aggregations {@link #summariesSuffice} accepts.
   */
  static Groups byColumnFromSummaries(
      Select select,
      String column,
      ValueKind kind,
      TimeRange range,
      QueryLimits limits,
      Deadline deadline,
      Consumer<ChunkReader.GroupedConsumer> source) {
    List<Aggregation> aggregations = select.aggregations();
    Map<Object, Group> groups = new HashMap<>();
    Group unfed = new Group(aggregations, kind);
    ChunkDecoder decoder = ChunkCodec.decoder();
    source.accept(
        new ChunkReader.GroupedConsumer() {
          @Override
          public void observe(Object key, ChunkSummary summary) {
            if (summary.minTimestamp() >= range.from() && summary.maxTimestamp() <= range.to()) {
              Group.in(groups, key, aggregations, kind, limits).observe(summary);
            }
          }

          @Override
          public boolean takes(Object key, ChunkSummary summary) {
            deadline.check();
            if (summary.minTimestamp() < range.from() || summary.maxTimestamp() > range.to()) {
              return false;
            }
            // A chunk in range was observed, so its group exists: first/last judge by what the
            // group has seen; the other aggregations answer the same for any group.
            Group group = groups.get(Group.normalize(key));
            return (group != null ? group : unfed).takesSummary(summary);
          }

          @Override
          public void summary(Object key, ChunkSummary summary) {
            Group.in(groups, key, aggregations, kind, limits).summary(null, summary);
          }

          @Override
          public void encoded(Object key, ChunkSummary summary, BytesRef points) {
            decoder.reset(points.bytes, points.offset, points.length);
            // A group's first()/last() may already know that only its edge can matter.
            Group known = groups.get(Group.normalize(key));
            long from = known == null ? range.from() : Math.max(range.from(), known.usefulFrom());
            long to = known == null ? range.to() : Math.min(range.to(), known.usefulTo());
            int start = decoder.seek(from);
            int end = start;
            while (end < decoder.count() && decoder.timestampAt(end) <= to) {
              end++;
            }
            if (end == start) {
              return;
            }
            Group group = Group.in(groups, key, aggregations, kind, limits);
            if (end - start == 1 && single(summary, decoder, start, group)) {
              return;
            }
            // Values are decoded only now, for the points that matter.
            for (int i = start; i < end; i++) {
              group.point(null, decoder.timestampAt(i), decoder.rawValueAt(i));
            }
          }

          /**
           * One useful point that is the chunk's only point at its first or last timestamp: the
           * summary holds its value, and the chunk's values need no decoding.
           */
          private boolean single(
              ChunkSummary summary, ChunkDecoder decoder, int index, Group group) {
            long timestamp = decoder.timestampAt(index);
            int count = decoder.count();
            if (index == count - 1
                && timestamp == summary.maxTimestamp()
                && (count == 1 || decoder.timestampAt(count - 2) < timestamp)) {
              group.point(null, timestamp, summary.last());
              return true;
            }
            if (index == 0
                && timestamp == summary.minTimestamp()
                && (count == 1 || decoder.timestampAt(1) > timestamp)) {
              group.point(null, timestamp, summary.first());
              return true;
            }
            return false;
          }

          private final boolean edgesOnly =
              aggregations.stream()
                  .allMatch(
                      a ->
                          a.function() == AggregateFunction.FIRST
                              || a.function() == AggregateFunction.LAST);

          // Head points come series by series: the group of the previous point's key object is
          // reused, sparing a hash lookup per point.
          private Object lastKey;
          private Group lastGroup;

          @Override
          public void points(Object key, long[] timestamps, long[] values, int from, int to) {
            if (!edgesOnly) {
              ChunkReader.GroupedConsumer.super.points(key, timestamps, values, from, to);
              return;
            }
            // first()/last() only: the sorted run's first and last timestamps decide, ties in
            // arrival order as always; the points in between cannot change the answer.
            int firstEnd = from;
            while (firstEnd < to && timestamps[firstEnd] == timestamps[from]) {
              firstEnd++;
            }
            int lastStart = Math.max(firstEnd, to - 1);
            while (lastStart > firstEnd && timestamps[lastStart - 1] == timestamps[to - 1]) {
              lastStart--;
            }
            ChunkReader.GroupedConsumer.super.points(key, timestamps, values, from, firstEnd);
            ChunkReader.GroupedConsumer.super.points(key, timestamps, values, lastStart, to);
          }

          @Override
          public void point(Object key, long timestamp, long value) {
            if (key != lastKey || lastGroup == null) {
              lastGroup = Group.in(groups, key, aggregations, kind, limits);
              lastKey = key;
            }
            lastGroup.point(null, timestamp, value);
          }
        });
    return new Groups.ByColumn(column, groups);
  }

  private static Groups byInterval(
      long width,
      List<Aggregation> aggregations,
      ValueKind kind,
      TimeRange range,
      QueryLimits limits,
      PlainSelect.Visit visit) {
    TreeMap<Long, Group> buckets = new TreeMap<>();
    long[] extent = {Long.MAX_VALUE, Long.MIN_VALUE};
    ChunkVisitor.Handler handler =
        new ChunkVisitor.Handler() {
          @Override
          public boolean takesSummary(SeriesKey series, ChunkSummary summary) {
            return bucket(summary.minTimestamp(), width) == bucket(summary.maxTimestamp(), width)
                && group(summary.minTimestamp()).takesSummary(summary);
          }

          @Override
          public void summary(SeriesKey series, ChunkSummary summary) {
            seen(summary.minTimestamp());
            seen(summary.maxTimestamp());
            group(summary.minTimestamp()).summary(series, summary);
          }

          @Override
          public void point(SeriesKey series, long timestamp, long value) {
            seen(timestamp);
            group(timestamp).point(series, timestamp, value);
          }

          private void seen(long timestamp) {
            extent[0] = Math.min(extent[0], timestamp);
            extent[1] = Math.max(extent[1], timestamp);
          }

          // Points come in time order within a chunk: most fall in the bucket of the one before.
          private long lastBucket = Long.MIN_VALUE;
          private Group lastGroup;

          private Group group(long timestamp) {
            long start = bucket(timestamp, width);
            if (lastGroup != null && start == lastBucket) {
              return lastGroup;
            }
            Group group = Group.in(buckets, start, aggregations, kind, limits);
            lastBucket = start;
            lastGroup = group;
            return group;
          }
        };
    visit.run(handler);
    return new Groups.ByInterval(
        width, range, extent[0], extent[1], buckets, new Group(aggregations, kind));
  }

  /** Newest chunks first when the select has last(), oldest first for first(): most are skipped. */
  private static Comparator<ChunkSource> chunkOrder(List<Aggregation> aggregations) {
    for (Aggregation aggregation : aggregations) {
      if (aggregation.function() == AggregateFunction.LAST) {
        return Comparator.comparingLong(ChunkSource::maxTimestamp).reversed();
      }
      if (aggregation.function() == AggregateFunction.FIRST) {
        return Comparator.comparingLong(ChunkSource::minTimestamp);
      }
    }
    return null;
  }

  static long bucket(long timestamp, long width) {
    return Math.floorDiv(timestamp, width) * width;
  }

  private interface GroupOf {
    /** The group of a series' points, or null when they belong to none. */
    Group of(SeriesKey series);
  }

  private static ChunkVisitor.Handler handler(GroupOf groups) {
    return new ChunkVisitor.Handler() {
      // Points come series by series: the group is looked up once per series, not per point.
      private SeriesKey lastSeries;
      private Group lastGroup;

      private Group of(SeriesKey series) {
        if (series != lastSeries) {
          lastSeries = series;
          lastGroup = groups.of(series);
        }
        return lastGroup;
      }

      @Override
      public boolean takesSummary(SeriesKey series, ChunkSummary summary) {
        Group group = of(series);
        return group == null || group.takesSummary(summary);
      }

      @Override
      public void summary(SeriesKey series, ChunkSummary summary) {
        Group group = of(series);
        if (group != null) {
          group.summary(series, summary);
        }
      }

      @Override
      public void point(SeriesKey series, long timestamp, long value) {
        Group group = of(series);
        if (group != null) {
          group.point(series, timestamp, value);
        }
      }
    };
  }
}
