package io.nsdb.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each query kind once, and each NSDb bug the issue names, on a small known dataset. */
class QueryEngineTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final long HOUR = 3_600_000;
  private static final long NOW = 100 * HOUR;

  @TempDir Path data;
  private Storage storage;
  private QueryEngine engine;

  @BeforeEach
  void open() {
    storage =
        Storage.open(
            StorageConfig.defaults(data)
                .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE))
                .withChunkMaxPoints(4));
    engine = new QueryEngine(storage);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static Bit bit(long ts, long value, String host, String region) {
    Map<String, Object> tags = new HashMap<>();
    if (region != null) {
      tags.put("region", region);
    }
    return new Bit(ts, value, Map.of("host", host), tags);
  }

  private List<ResultRow> query(String sql) {
    return engine.execute(CPU, (Select) SqlParser.parse(sql), NOW).rows();
  }

  private void insertSample() {
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bits.add(bit(NOW - (10 - i) * HOUR, i, "a", "eu"));
      bits.add(bit(NOW - (10 - i) * HOUR, 10 * i, "b", i % 2 == 0 ? "us" : null));
    }
    storage.insert(CPU, bits);
  }

  @Test
  void relativeTimeSelectsTheLastHours() {
    insertSample();
    // NSDb read `now - 1h` as a raw duration when choosing shards and returned nothing.
    List<ResultRow> rows = query("select * from cpu where timestamp > now - 2h order by value");
    assertEquals(2, rows.size());
    assertEquals(9L, rows.get(0).value());
    assertEquals(Map.of("host", "a"), rows.get(0).dimensions());
    assertEquals(Map.of("region", "eu"), rows.get(0).tags());
  }

  @Test
  void minPerBucketKeepsZeros() {
    storage.insert(
        CPU, List.of(bit(0, 0, "a", "eu"), bit(10, 5, "a", "eu"), bit(HOUR, 3, "a", "eu")));
    // NSDb's time-bucketed MIN skipped zeros.
    List<ResultRow> rows = query("select min(value) from cpu group by interval 1h");
    assertEquals(List.of(0L, 3L), rows.stream().map(ResultRow::value).toList());
    assertEquals(List.of(0L, HOUR), rows.stream().map(ResultRow::timestamp).toList());
  }

  @Test
  void globalAggregationsIncludeBitsLackingTags() {
    insertSample();
    // NSDb's global SUM/MIN/MAX left out bits lacking the metric's first tag.
    ResultRow row =
        query("select sum(value), min(value), max(value), count(region) from cpu").get(0);
    assertEquals(45L + 450L, row.value());
    assertEquals(0L, row.tags().get("min(value)"));
    assertEquals(90L, row.tags().get("max(value)"));
    assertEquals(15L, row.tags().get("count(region)"));
  }

  @Test
  void countWithLimitIsTheCount() {
    insertSample();
    // NSDb's COUNT with LIMIT returned min(limit, count).
    assertEquals(20L, query("select count(*) from cpu limit 3").get(0).value());
  }

  @Test
  void groupByColumnWithFirstAndLast() {
    insertSample();
    List<ResultRow> rows =
        query("select last(value), first(value), count(distinct region) from cpu group by host");
    assertEquals(2, rows.size());
    ResultRow b = rows.get(1);
    assertEquals("b", b.tags().get("host"));
    assertEquals(90L, b.value());
    assertEquals(NOW - HOUR, b.timestamp(), "the timestamp of the point last() took");
    assertEquals(0L, b.tags().get("first(value)"));
    assertEquals(1L, b.tags().get("count(distinct region)"));
  }

  @Test
  void intervalBucketsIncludeEmptyOnesWithCountZero() {
    storage.insert(CPU, List.of(bit(0, 1, "a", "eu"), bit(3 * HOUR, 2, "a", "eu")));
    List<ResultRow> rows = query("select count(*), avg(value) from cpu group by interval 1h");
    assertEquals(4, rows.size());
    assertEquals(List.of(1L, 0L, 0L, 1L), rows.stream().map(ResultRow::value).toList());
    Map<String, Object> empty = new HashMap<>();
    empty.put("count(*)", 0L);
    empty.put("avg(value)", null);
    assertEquals(empty, rows.get(1).tags());
  }

  @Test
  void distinctProjectionOrderAndLimit() {
    insertSample();
    List<ResultRow> distinct = query("select distinct region from cpu order by region desc");
    assertEquals(List.of("us", "eu"), distinct.stream().map(r -> r.tags().get("region")).toList());

    List<ResultRow> top = query("select host from cpu order by value desc limit 2");
    assertEquals(List.of(90L, 80L), top.stream().map(ResultRow::value).toList());
    assertEquals(Map.of(), top.get(0).tags(), "region is not selected");
  }

  @Test
  void schemaErrorsNameTheColumn() {
    insertSample();
    NsdbException unknown = assertThrows(NsdbException.class, () -> query("select hots from cpu"));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, unknown.code());
    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        assertThrows(NsdbException.class, () -> query("select * from cpu where host > 3")).code());
    assertEquals(
        ErrorCode.INVALID_GROUP_BY,
        assertThrows(NsdbException.class, () -> query("select count(*) from cpu group by value"))
            .code());
    assertEquals(
        ErrorCode.UNKNOWN_METRIC,
        assertThrows(
                NsdbException.class,
                () ->
                    engine.execute(
                        new MetricKey("db", "ns", "nope"),
                        (Select) SqlParser.parse("select * from nope"),
                        NOW))
            .code());
  }

  @Test
  void anExtraFilterIsAndedToTheWhere() {
    insertSample();
    Select select = (Select) SqlParser.parse("select count(*) from cpu where host = 'b'");
    Condition extra =
        ((Select) SqlParser.parse("select * from cpu where timestamp >= " + (NOW - 3 * HOUR)))
            .where()
            .orElseThrow();
    assertEquals(3L, engine.execute(CPU, select, Optional.of(extra), NOW).rows().get(0).value());
  }

  @Test
  void limitsStopRunawayQueriesWithAClearError() {
    insertSample();
    Select all = (Select) SqlParser.parse("select * from cpu");

    NsdbException tooLarge =
        assertThrows(
            NsdbException.class,
            () ->
                new QueryEngine(storage, new QueryLimits(5, Duration.ofSeconds(30)))
                    .execute(CPU, all, NOW));
    assertEquals(ErrorCode.RESULT_TOO_LARGE, tooLarge.code());
    assertEquals(
        3,
        new QueryEngine(storage, new QueryLimits(5, Duration.ofSeconds(30)))
            .execute(CPU, (Select) SqlParser.parse("select * from cpu limit 3"), NOW)
            .rows()
            .size(),
        "a LIMIT within the bound holds only that many rows");

    NsdbException late =
        assertThrows(
            NsdbException.class,
            () ->
                new QueryEngine(storage, new QueryLimits(100, Duration.ofNanos(1)))
                    .execute(CPU, all, NOW));
    assertEquals(ErrorCode.QUERY_TIMEOUT, late.code());

    Thread.currentThread().interrupt();
    try {
      NsdbException cancelled =
          assertThrows(NsdbException.class, () -> engine.execute(CPU, all, NOW));
      assertEquals(ErrorCode.QUERY_CANCELLED, cancelled.code());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aLimitOrderedByTimeKeepsTheRightRowsWhileSkippingChunks() {
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bits.add(bit(i * 1000L, i, "h" + (i % 3), "eu"));
    }
    storage.insert(CPU, bits);
    storage.flush(); // 50 sealed chunks of up to 4 points: most are passed over

    List<ResultRow> latest = query("select * from cpu order by timestamp desc limit 3");
    assertEquals(List.of(199L, 198L, 197L), latest.stream().map(ResultRow::value).toList());
    List<ResultRow> earliest = query("select * from cpu where host <> 'h0' limit 3");
    assertEquals(List.of(1L, 2L, 4L), earliest.stream().map(ResultRow::value).toList());
  }
}
