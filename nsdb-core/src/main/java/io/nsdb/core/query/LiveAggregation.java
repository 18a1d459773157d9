package io.nsdb.core.query;

import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Select;
import java.util.List;
import java.util.NavigableMap;

/**
 * An aggregate SELECT evaluated continuously. It keeps the {@link Groups} the history was rendered
 * from, all of them whatever the LIMIT, and feeds each accepted bit to its {@link Group}, the same
 * accumulators a one-off query uses; then it emits that group's new row under the group's key.
 * Records are keyed: a later row for a key supersedes the earlier one, in the history or streamed.
 *
 * <ul>
 *   <li>Global: one group, re-emitted on every bit under {@link LiveQuery#GLOBAL_KEY}.
 *   <li>GROUP BY a column: keyed by the bit's value of the column; a bit lacking it belongs to no
 *       group and emits nothing. At most {@link QueryLimits#maxRows} groups.
 *   <li>GROUP BY INTERVAL w [SINCE g]: keyed by bucket start. A bucket closes when its end is g (0
 *       without SINCE) behind {@code now}; a bit for a closed bucket is late: counted in {@link
 *       #lateIgnored} and ignored, because its bucket's final row was already sent. {@link #expire}
 *       forgets closed buckets, so memory holds only the open ones. A bit for a future bucket opens
 *       it (at most {@code maxRows} buckets at once). Buckets without points, which the history
 *       fills in, are not streamed: a bucket is emitted when a bit lands in it.
 * </ul>
 */
public final class LiveAggregation implements LiveQuery {

  private final List<Aggregation> aggregations;
  private final ValueKind kind;
  private final QueryLimits limits;
  private final Groups groups;
  private final long grace;
  private List<ResultRow> history;
  private long lateIgnored;

  /**
   * @param groups every group of the history's scan; kept and updated
   * @param history the rows rendered from {@code groups} before any update
   */
  LiveAggregation(
      Select select,
      ValueKind kind,
      QueryLimits limits,
      Groups groups,
      List<ResultRow> history,
      long nowMillis) {
    this.aggregations = select.aggregations();
    this.kind = kind;
    this.limits = limits;
    this.groups = groups;
    this.grace =
        select.groupBy().orElse(null) instanceof IntervalGroupBy
            ? select.since().map(since -> since.toMillis()).orElse(0L)
            : 0;
    this.history = List.copyOf(history);
    expire(nowMillis); // buckets already closed are in the history for good
  }

  @Override
  public List<ResultRow> history() {
    return history;
  }

  @Override
  public void releaseHistory() {
    history = List.of();
  }

  @Override
  public void accept(Bit bit, long nowMillis, Emitter out) {
    SeriesKey series = new SeriesKey(bit.dimensions(), bit.tags());
    long timestamp = bit.timestamp();
    long value = kind.raw(bit.value());
    switch (groups) {
      case Groups.Global global -> {
        global.group().point(series, timestamp, value);
        out.emit(GLOBAL_KEY, global.group().row(null, null, null));
      }
      case Groups.ByColumn byColumn -> {
        Object key = series.column(byColumn.column());
        if (key == null) {
          return;
        }
        key = Group.normalize(key);
        Group group = Group.in(byColumn.groups(), key, aggregations, kind, limits);
        group.point(series, timestamp, value);
        out.emit(key, group.row(byColumn.column(), key, null));
      }
      case Groups.ByInterval byInterval -> {
        long start = AggregateSelect.bucket(timestamp, byInterval.width());
        if (closed(start, byInterval.width(), nowMillis)) {
          lateIgnored++;
          return;
        }
        Group group = Group.in(byInterval.buckets(), start, aggregations, kind, limits);
        group.point(series, timestamp, value);
        out.emit(start, group.row(null, null, start));
      }
    }
  }

  @Override
  public void expire(long nowMillis) {
    if (groups instanceof Groups.ByInterval byInterval) {
      NavigableMap<Long, Group> buckets = byInterval.buckets();
      // Closing goes by start: the closed buckets are a prefix.
      while (!buckets.isEmpty() && closed(buckets.firstKey(), byInterval.width(), nowMillis)) {
        buckets.pollFirstEntry();
      }
    }
  }

  /** Whether the bucket {@code [start, start + width)} ended at least the grace period ago. */
  private boolean closed(long start, long width, long nowMillis) {
    long end = start > Long.MAX_VALUE - width ? Long.MAX_VALUE : start + width;
    long cutoff = nowMillis < Long.MIN_VALUE + grace ? Long.MIN_VALUE : nowMillis - grace;
    return end <= cutoff;
  }

  @Override
  public long lateIgnored() {
    return lateIgnored;
  }

  @Override
  public boolean keyed() {
    return true;
  }

  @Override
  public boolean replayable() {
    return false;
  }
}
