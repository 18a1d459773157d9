package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.query.LiveHarness.Emitted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global and GROUP BY column aggregations live: keyed records, one per changed group. */
class LiveAggregationTest {

  @TempDir Path data;
  private LiveHarness harness;

  private LiveHarness open(int maxRows) {
    harness = new LiveHarness(data, 4, new QueryLimits(maxRows, Duration.ofSeconds(30)));
    return harness;
  }

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Bit bit(long timestamp, long value, String host, Double weight) {
    Map<String, Object> tags = new HashMap<>();
    if (weight != null) {
      tags.put("weight", weight);
    }
    return new Bit(timestamp, value, host == null ? Map.of() : Map.of("host", host), tags);
  }

  private LiveQuery live(String sql) {
    return harness.engine.live(CPU, LiveHarness.parse(sql), NOW);
  }

  private static List<Emitted> accept(LiveQuery live, Bit... bits) {
    List<Emitted> emitted = new ArrayList<>();
    for (Bit bit : bits) {
      live.accept(bit, NOW, (key, row) -> emitted.add(new Emitted(key, row)));
    }
    return emitted;
  }

  @Test
  void aGlobalAggregateResendsItsOneRowUnderAFixedKey() {
    open(1000).insert(CPU, List.of(bit(NOW - 2, 4, "a", null), bit(NOW - 1, 6, "b", null)));
    LiveQuery live = live("select sum(value), min(value), count(distinct host) from cpu");
    assertEquals(10L, live.history().get(0).value());
    List<Emitted> emitted = accept(live, bit(NOW, 1, "a", null), bit(NOW - 5, 3, "c", null));
    assertEquals(List.of(LiveQuery.GLOBAL_KEY, LiveQuery.GLOBAL_KEY), keys(emitted));
    ResultRow last = emitted.get(1).row();
    assertEquals(
        Map.of("sum(value)", 14L, "min(value)", 1L, "count(distinct host)", 3L), last.tags());
    assertEquals(0, last.timestamp());
    assertTrue(live.keyed());
    assertFalse(live.replayable());
  }

  @Test
  void countOfEverythingStartsFromEveryStoredPoint() {
    LiveHarness harness = open(1000);
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bits.add(bit(NOW - i * 1000, i, "h" + i % 3, null));
    }
    harness.insert(CPU, bits.subList(0, 30));
    harness.storage.flush(); // sealed chunks, answered by their summaries
    harness.insert(CPU, bits.subList(30, 50)); // and the head
    LiveQuery live = live("select count(*), count(value) from cpu");
    assertEquals(50L, live.history().get(0).value());
    assertEquals(51L, accept(live, bit(NOW, 1, "a", null)).get(0).row().value());
  }

  @Test
  void countDistinctCountsANewValueOnce() {
    open(1000).insert(CPU, List.of(bit(NOW, 1, "a", null), bit(NOW, 1, "b", null)));
    LiveQuery live = live("select count(distinct host) from cpu");
    assertEquals(2L, live.history().get(0).value());
    List<Emitted> emitted =
        accept(live, bit(NOW, 1, "a", null), bit(NOW, 1, "c", null), bit(NOW, 1, "c", null));
    assertEquals(List.of(2L, 3L, 3L), values(emitted));
  }

  @Test
  void groupByColumnSendsOnlyTheChangedGroup() {
    open(1000).insert(CPU, List.of(bit(NOW, 1, "a", null), bit(NOW, 2, "b", null)));
    LiveQuery live = live("select count(*), max(value) from cpu group by host");
    List<Emitted> emitted = accept(live, bit(NOW, 5, "b", null));
    assertEquals(
        List.of(
            new Emitted(
                "b",
                new ResultRow(
                    0, 2L, Map.of(), Map.of("host", "b", "count(*)", 2L, "max(value)", 5L)))),
        emitted);
  }

  @Test
  void aBitLackingTheGroupColumnBelongsToNoGroup() {
    open(1000).insert(CPU, List.of(bit(NOW, 1, "a", 1.0)));
    LiveQuery live = live("select count(*) from cpu group by weight");
    assertEquals(List.of(), accept(live, bit(NOW, 1, "a", null)));
  }

  @Test
  void minusZeroJoinsTheGroupOfZero() {
    open(1000).insert(CPU, List.of(bit(NOW, 1, "a", 0.0)));
    LiveQuery live = live("select count(*) from cpu group by weight");
    List<Emitted> emitted = accept(live, bit(NOW, 1, "a", -0.0));
    assertEquals(List.of(0.0), keys(emitted));
    assertEquals(List.of(2L), values(emitted));
  }

  @Test
  void groupsBeyondTheHistorysLimitAreStillTrackedWhole() {
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      bits.add(bit(NOW - i, i, "h" + i % 4, null));
    }
    open(1000).insert(CPU, bits);
    LiveQuery live = live("select count(*), sum(value) from cpu group by host limit 1");
    assertEquals(List.of("h0"), live.history().stream().map(r -> r.tags().get("host")).toList());
    ResultRow h3 = accept(live, bit(NOW, 100, "h3", null)).get(0).row();
    // h3 had 3, 7 and 11 before.
    assertEquals(Map.of("host", "h3", "count(*)", 4L, "sum(value)", 121L), h3.tags());
  }

  @Test
  void aNewGroupBeyondMaxRowsFailsTheBitAndLeavesTheGroupsAsTheyWere() {
    open(2).insert(CPU, List.of(bit(NOW, 1, "a", null), bit(NOW, 1, "b", null)));
    LiveQuery live = live("select count(*) from cpu group by host");
    NsdbException e = assertThrows(NsdbException.class, () -> accept(live, bit(NOW, 1, "c", null)));
    assertEquals(ErrorCode.RESULT_TOO_LARGE, e.code());
    assertEquals(List.of(2L), values(accept(live, bit(NOW, 1, "a", null))));
  }

  private static List<Object> keys(List<Emitted> emitted) {
    return emitted.stream().map(Emitted::key).toList();
  }

  private static List<Number> values(List<Emitted> emitted) {
    return emitted.stream().map(e -> e.row().value()).toList();
  }
}
