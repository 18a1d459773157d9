package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.LOAD;
import static io.nsdb.core.query.LiveHarness.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.LiveHarness.Emitted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain SELECT live: each bit is one record, exactly the row a query would return for it. */
class LiveRowsTest {

  @TempDir Path data;
  private LiveHarness harness;

  @BeforeEach
  void open() {
    harness = new LiveHarness(data);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  private static Bit bit(long timestamp, Number value, String host, String region) {
    return new Bit(timestamp, value, Map.of("host", host, "cores", 2), Map.of("region", region));
  }

  private List<Emitted> feed(MetricKey metric, String sql, LiveQuery live, Bit bit) {
    List<Bit> conformed = harness.insert(metric, List.of(bit));
    return harness.feed(metric, LiveHarness.parse(sql), live, conformed, NOW);
  }

  @Test
  void aStreamedRecordIsTheRowAQueryReturnsForTheBit() {
    String sql = "select host, region, value from cpu where value > 5";
    harness.insert(CPU, List.of(bit(NOW - 1000, 1L, "a", "eu")));
    LiveQuery live = harness.engine.live(CPU, LiveHarness.parse(sql), NOW);
    assertEquals(List.of(), live.history());
    List<Emitted> emitted = feed(CPU, sql, live, bit(NOW, 7L, "b", "us"));
    // cores is not selected; the value is a Long, as the metric is BIGINT.
    ResultRow expected = new ResultRow(NOW, 7L, Map.of("host", "b"), Map.of("region", "us"));
    assertEquals(List.of(new Emitted(null, expected)), emitted);
    assertEquals(
        List.of(expected), harness.execute(CPU, LiveHarness.parse(sql), NOW), "a fresh query");
  }

  @Test
  void aDecimalMetricStreamsDoublesEvenForALongBit() {
    harness.insert(LOAD, List.of(bit(NOW - 1000, 0.5, "a", "eu")));
    LiveQuery live = harness.engine.live(LOAD, LiveHarness.parse("select * from load"), NOW);
    List<Emitted> emitted = feed(LOAD, "select * from load", live, bit(NOW, 3L, "a", "eu"));
    assertEquals(3.0, emitted.get(0).row().value());
    assertEquals(Map.of("host", "a", "cores", 2L), emitted.get(0).row().dimensions());
  }

  @Test
  void orderByAndLimitShapeOnlyTheHistory() {
    String sql = "select * from cpu order by value desc limit 1";
    harness.insert(CPU, List.of(bit(NOW - 2000, 5L, "a", "eu"), bit(NOW - 1000, 9L, "a", "eu")));
    LiveQuery live = harness.engine.live(CPU, LiveHarness.parse(sql), NOW);
    assertEquals(List.of(9L), live.history().stream().map(ResultRow::value).toList());
    List<Emitted> emitted = new ArrayList<>();
    emitted.addAll(feed(CPU, sql, live, bit(NOW, 1L, "a", "eu")));
    emitted.addAll(feed(CPU, sql, live, bit(NOW, 2L, "b", "eu")));
    assertEquals(List.of(1L, 2L), emitted.stream().map(e -> e.row().value()).toList());
  }

  @Test
  void aPlainSelectCanBeCaughtUpByReplayingBits() {
    harness.insert(CPU, List.of(bit(NOW, 1L, "a", "eu")));
    LiveQuery live = harness.engine.live(CPU, LiveHarness.parse("select * from cpu"), NOW);
    assertTrue(live.replayable());
    assertFalse(live.keyed());
    assertEquals(0, live.lateIgnored());
  }
}
