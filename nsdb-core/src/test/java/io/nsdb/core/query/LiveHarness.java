package io.nsdb.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.predicate.ClockedPredicate;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.core.predicate.Truth;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.TagGroupBy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A real {@link Storage} in a directory, with the query engine over it, and what a live query's
 * owner does: insert bits, match them against the WHERE with the compiled predicate (as the
 * publisher does), feed the matches to {@link LiveQuery#accept} and record what is emitted. Plus
 * the central check of the live tests: the history with the records applied equals a fresh {@link
 * QueryEngine#execute}.
 */
final class LiveHarness implements AutoCloseable {

  static final MetricKey CPU = new MetricKey("db", "ns", "cpu"); // BIGINT values
  static final MetricKey LOAD = new MetricKey("db", "ns", "load"); // DECIMAL values
  static final long NOW = 1_700_000_000_000L;

  final Storage storage;
  final QueryEngine engine;

  LiveHarness(Path directory, int chunkMaxPoints, QueryLimits limits) {
    storage =
        Storage.open(
            StorageConfig.defaults(directory)
                .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE))
                .withChunkMaxPoints(chunkMaxPoints)
                .withDefaultMetricInfo(new MetricInfo(Duration.ofMinutes(1), Duration.ZERO))
                .withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                .withMaintenance(
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    Duration.ofHours(1)));
    engine = new QueryEngine(storage, limits);
  }

  LiveHarness(Path directory) {
    this(directory, 4, QueryLimits.DEFAULTS);
  }

  @Override
  public void close() {
    storage.close();
  }

  static Select parse(String sql) {
    return (Select) SqlParser.parse(sql);
  }

  /** Inserts the bits; returns them conformed to the metric's schema, as a publisher gets them. */
  List<Bit> insert(MetricKey metric, List<Bit> bits) {
    storage.insert(metric, bits);
    return storage.describe(metric).orElseThrow().conformAll(bits);
  }

  List<ResultRow> execute(MetricKey metric, Select select, long now) {
    return engine.execute(metric, select, now).rows();
  }

  /** What a live query emitted, in order. */
  record Emitted(Object key, ResultRow row) {}

  /** Whether the select's WHERE is true for the (conformed) bit at {@code now}. */
  boolean selects(MetricKey metric, Select select, Bit bit, long now) {
    if (select.where().isEmpty()) {
      return true;
    }
    Schema schema = storage.describe(metric).orElseThrow();
    ClockedPredicate where = PredicateCompiler.compileClocked(select.where().get(), schema);
    ValueKind kind = schema.valueType() == ColumnType.DECIMAL ? ValueKind.DOUBLE : ValueKind.LONG;
    SeriesKey series = new SeriesKey(bit.dimensions(), bit.tags());
    return where.evaluate(series, bit.timestamp(), kind.raw(bit.value()), now) == Truth.TRUE;
  }

  /**
   * Feeds {@code conformed} bits to {@code live} as its owner would: only those the WHERE selects
   * at {@code now}.
   */
  List<Emitted> feed(
      MetricKey metric, Select select, LiveQuery live, List<Bit> conformed, long now) {
    List<Emitted> emitted = new ArrayList<>();
    for (Bit bit : conformed) {
      if (selects(metric, select, bit, now)) {
        live.accept(bit, now, (key, row) -> emitted.add(new Emitted(key, row)));
      }
    }
    return emitted;
  }

  /**
   * The whole life of one live query, checked: {@code before} is inserted, the query created at
   * {@code now} (its history must be what {@code execute} answers), then each batch of {@code
   * after} inserted (a flush after every other batch, so that history and new bits mix in sealed
   * chunks and the head) and fed; finally {@link #assertAgrees}, and the late bits counted exactly.
   *
   * <p>For GROUP BY INTERVAL, a late bit (its bucket closed, see {@link #late}) is fed but not
   * inserted: the query ignores it, so a fresh query must not see it either. With SINCE g, a bit
   * older than {@code now - g} in a bucket still open is left out altogether: the live query takes
   * it (its bucket is open), but a fresh query's SINCE cuts by the point's own timestamp. That
   * difference is the specified one (a bucket stays open for the grace period), not a defect.
   *
   * @return the live query, for further checks
   */
  LiveQuery run(MetricKey metric, String sql, List<Bit> before, List<List<Bit>> after, long now) {
    if (!before.isEmpty()) {
      storage.insert(metric, before);
    }
    Select select = parse(sql);
    LiveQuery live = engine.live(metric, select, now);
    assertEquals(execute(metric, select, now), live.history(), "the history of " + sql);
    List<ResultRow> whole = execute(metric, withoutLimit(select), now);
    List<Emitted> emitted = new ArrayList<>();
    long late = 0;
    for (int i = 0; i < after.size(); i++) {
      List<Bit> fed = new ArrayList<>();
      List<Bit> inserted = new ArrayList<>();
      for (Bit bit : after.get(i)) {
        if (late(select, bit.timestamp(), now)) {
          fed.add(bit);
        } else if (!beforeSince(select, bit.timestamp(), now)) {
          fed.add(bit);
          inserted.add(bit);
        }
      }
      if (!inserted.isEmpty()) {
        storage.insert(metric, inserted);
      }
      List<Bit> conformed = storage.describe(metric).orElseThrow().conformAll(fed);
      for (Bit bit : conformed) {
        if (late(select, bit.timestamp(), now) && selects(metric, select, bit, now)) {
          late++;
        }
      }
      emitted.addAll(feed(metric, select, live, conformed, now));
      if (i % 2 == 1) {
        storage.flush();
      }
    }
    assertEquals(late, live.lateIgnored(), "late bits of " + sql);
    assertAgrees(metric, select, live, whole, emitted, now);
    return live;
  }

  /** Whether the bit's GROUP BY INTERVAL bucket closed: it ended the grace period before now. */
  static boolean late(Select select, long timestamp, long now) {
    if (!(select.groupBy().orElse(null) instanceof IntervalGroupBy interval)) {
      return false;
    }
    long width = interval.interval().toMillis();
    long grace = select.since().map(Duration::toMillis).orElse(0L);
    return Math.floorDiv(timestamp, width) * width + width <= now - grace;
  }

  private static boolean beforeSince(Select select, long timestamp, long now) {
    return select.groupBy().orElse(null) instanceof IntervalGroupBy
        && select.since().isPresent()
        && timestamp < now - select.since().get().toMillis();
  }

  static Select withoutLimit(Select s) {
    return new Select(
        s.distinct(),
        s.items(),
        s.metric(),
        s.where(),
        s.groupBy(),
        s.orderBy(),
        s.since(),
        OptionalLong.empty());
  }

  /**
   * The central property, checked after {@code live} was created on {@code before} (the whole
   * answer, LIMIT aside, at creation) and fed {@code emitted} since: a fresh query now answers what
   * the history with the emitted records applied says.
   *
   * <ul>
   *   <li>Keyed: every group of a fresh query is the latest record of its key (emitted, else in the
   *       history), except groups the history's LIMIT left out and no bit touched since (unchanged
   *       from {@code before}), and empty GROUP BY INTERVAL buckets, which are filled in but never
   *       streamed.
   *   <li>Appended: the emitted records are exactly the rows a fresh query has and {@code before}
   *       had not, as multisets (a stream is not ordered or cut).
   * </ul>
   */
  void assertAgrees(
      MetricKey metric,
      Select select,
      LiveQuery live,
      List<ResultRow> before,
      List<Emitted> emitted,
      long now) {
    List<ResultRow> after = execute(metric, withoutLimit(select), now);
    if (!live.keyed()) {
      for (Emitted e : emitted) {
        assertEquals(null, e.key(), "appended records have no key");
      }
      Map<ResultRow, Integer> added = multiset(after);
      subtract(added, multiset(before));
      assertEquals(
          added,
          multiset(emitted.stream().map(Emitted::row).toList()),
          "emitted records vs. rows a fresh query adds, for " + select);
      return;
    }
    Map<Object, ResultRow> latest = new LinkedHashMap<>();
    for (ResultRow row : live.history()) {
      latest.put(keyOf(select, row), canonical(row));
    }
    for (Emitted e : emitted) {
      assertEquals(keyOf(select, e.row()), e.key(), "the key of " + e.row());
      latest.put(e.key(), canonical(e.row()));
    }
    Map<Object, ResultRow> beforeByKey = new HashMap<>();
    for (ResultRow row : before) {
      beforeByKey.put(keyOf(select, row), canonical(row));
    }
    Map<Object, ResultRow> afterByKey = new LinkedHashMap<>();
    for (ResultRow row : after) {
      afterByKey.put(keyOf(select, row), canonical(row));
    }
    boolean limited = select.limit().isPresent() && live.history().size() < before.size();
    afterByKey.forEach(
        (key, row) -> {
          ResultRow streamed = latest.get(key);
          if (streamed != null) {
            assertEquals(row, streamed, "group " + key + " of " + select);
          } else if (limited && row.equals(beforeByKey.get(key))) {
            // beyond the history's LIMIT and untouched since
          } else if (!(select.groupBy().orElse(null) instanceof IntervalGroupBy
              && isEmptyBucket(row))) {
            fail("group " + key + " of " + select + " is neither streamed nor unchanged: " + row);
          }
        });
    for (Object key : latest.keySet()) {
      assertTrue(afterByKey.containsKey(key), "a fresh " + select + " has no group " + key);
    }
  }

  /** The key a live query gives the row's group. */
  static Object keyOf(Select select, ResultRow row) {
    return switch (select.groupBy().orElse(null)) {
      case null -> LiveQuery.GLOBAL_KEY;
      case TagGroupBy tag -> Group.normalize(row.tags().get(tag.tag().value()));
      case IntervalGroupBy interval -> row.timestamp();
    };
  }

  /** Whether a bucket row is one the engine fills in: no points, so counts 0 and the rest null. */
  static boolean isEmptyBucket(ResultRow row) {
    return row.tags().values().stream().allMatch(v -> v == null || Long.valueOf(0).equals(v));
  }

  /**
   * The row with -0.0 read as 0.0: min, max, first and last take the first of equal values they
   * meet, and -0.0 equals 0.0, so which zero a result shows depends on the order points are met.
   */
  static ResultRow canonical(ResultRow row) {
    return new ResultRow(
        row.timestamp(),
        (Number) canonical(row.value()),
        canonical(row.dimensions()),
        canonical(row.tags()));
  }

  private static Map<String, Object> canonical(Map<String, Object> columns) {
    Map<String, Object> copy = new LinkedHashMap<>();
    columns.forEach((name, value) -> copy.put(name, canonical(value)));
    return copy;
  }

  private static Object canonical(Object value) {
    return value instanceof Double d && d == 0 ? (Object) 0.0 : value;
  }

  static Map<ResultRow, Integer> multiset(List<ResultRow> rows) {
    Map<ResultRow, Integer> counts = new TreeMap<>(LiveHarness::compareRows);
    for (ResultRow row : rows) {
      counts.merge(canonical(row), 1, Integer::sum);
    }
    return counts;
  }

  private static void subtract(Map<ResultRow, Integer> from, Map<ResultRow, Integer> rows) {
    rows.forEach(
        (row, n) -> {
          int left = from.getOrDefault(row, 0) - n;
          assertTrue(left >= 0, "a row went away: " + row);
          if (left == 0) {
            from.remove(row);
          } else {
            from.put(row, left);
          }
        });
  }

  private static int compareRows(ResultRow a, ResultRow b) {
    return a.toString().compareTo(b.toString());
  }
}
