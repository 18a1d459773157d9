package io.nsdb.core.query;

import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SortDirection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The groups an aggregation computed, before they become rows. Kept apart from the rows because a
 * live query needs both: it renders its history from these groups, as a one-off query does, and
 * then keeps the very same groups (all of them, not only those a LIMIT keeps) to go on updating.
 */
sealed interface Groups {

  /** The rows of these groups, ordered and cut as the package documentation says. */
  List<ResultRow> rows(Select select, QueryLimits limits);

  /** No GROUP BY: one group, one row even over no points. */
  record Global(Group group) implements Groups {
    @Override
    public List<ResultRow> rows(Select select, QueryLimits limits) {
      return List.of(group.row(null, null, null));
    }
  }

  /** GROUP BY {@code column}: the groups by their {@linkplain Group#normalize normalised} value. */
  record ByColumn(String column, Map<Object, Group> groups) implements Groups {
    @Override
    public List<ResultRow> rows(Select select, QueryLimits limits) {
      List<ResultRow> rows = new ArrayList<>();
      groups.forEach((key, group) -> rows.add(group.row(column, key, null)));
      // The ORDER BY key in its direction, then the group's value ascending as the tie-break.
      Comparator<ResultRow> byGroup =
          (a, b) -> PlainSelect.compareValues(a.tags().get(column), b.tags().get(column));
      Comparator<ResultRow> order;
      if (orderedByValue(select)) {
        order = byValue(select).thenComparing(byGroup);
      } else {
        order = descending(select) ? byGroup.reversed() : byGroup;
      }
      rows.sort(order);
      return limit(select, rows);
    }
  }

  /**
   * GROUP BY INTERVAL {@code width}: the buckets that have points, by start. Rows span {@code
   * range}, or on an unbounded side the extent {@code [minSeen, maxSeen]} of the points seen;
   * buckets inside without points render as {@code empty} (a group fed nothing).
   */
  record ByInterval(
      long width,
      TimeRange range,
      long minSeen,
      long maxSeen,
      NavigableMap<Long, Group> buckets,
      Group empty)
      implements Groups {
    @Override
    public List<ResultRow> rows(Select select, QueryLimits limits) {
      long from = range.boundedBelow() ? range.from() : minSeen;
      long to = range.boundedAbove() ? range.to() : maxSeen;
      List<ResultRow> rows = new ArrayList<>();
      if (from <= to) {
        long first = AggregateSelect.bucket(from, width);
        long last = AggregateSelect.bucket(to, width);
        if ((last - first) / width + 1 > limits.maxRows()) {
          throw PlainSelect.tooLarge(limits);
        }
        for (long start = first; ; start += width) {
          rows.add(buckets.getOrDefault(start, empty).row(null, null, start));
          if (start >= last) {
            break;
          }
        }
      }
      if (orderedByValue(select)) {
        rows.sort(byValue(select).thenComparingLong(ResultRow::timestamp));
      } else if (descending(select)) {
        Collections.reverse(rows);
      }
      return limit(select, rows);
    }
  }

  private static boolean orderedByValue(Select select) {
    return select.orderBy().isPresent() && select.orderBy().get().column().value().equals("value");
  }

  private static boolean descending(Select select) {
    return select.orderBy().map(o -> o.direction() == SortDirection.DESC).orElse(false);
  }

  /** By value in the ORDER BY direction, nulls first ascending. */
  private static Comparator<ResultRow> byValue(Select select) {
    Comparator<ResultRow> byValue = (a, b) -> PlainSelect.compareNullsFirst(a.value(), b.value());
    return descending(select) ? byValue.reversed() : byValue;
  }

  private static List<ResultRow> limit(Select select, List<ResultRow> rows) {
    long limit = select.limit().orElse(Long.MAX_VALUE);
    return rows.size() > limit ? rows.subList(0, (int) limit) : rows;
  }
}
