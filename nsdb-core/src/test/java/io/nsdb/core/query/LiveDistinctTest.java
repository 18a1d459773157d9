package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.query.LiveHarness.Emitted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SELECT DISTINCT live: a value is sent once, never one the data already had. */
class LiveDistinctTest {

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

  private static Bit bit(String host, double weight) {
    return new Bit(NOW, 1L, Map.of("host", host), Map.of("weight", weight));
  }

  private static Bit bit(String host) {
    return new Bit(NOW, 1L, Map.of("host", host), Map.of());
  }

  private static List<Object> accept(LiveQuery live, String column, Bit... bits) {
    List<Object> values = new ArrayList<>();
    for (Bit bit : bits) {
      live.accept(
          bit,
          NOW,
          (key, row) -> {
            assertEquals(null, key);
            values.add(
                row.dimensions().containsKey(column)
                    ? row.dimensions().get(column)
                    : row.tags().get(column));
          });
    }
    return values;
  }

  private LiveQuery live(String sql) {
    return harness.engine.live(CPU, LiveHarness.parse(sql), NOW);
  }

  @Test
  void valuesTheHistoryHasBeyondItsLimitAreNotSentAgain() {
    open(1000).insert(CPU, List.of(bit("h0"), bit("h1"), bit("h2"), bit("h3")));
    LiveQuery live = live("select distinct host from cpu limit 1");
    assertEquals(List.of(new ResultRow(0, 0L, Map.of("host", "h0"), Map.of())), live.history());
    assertEquals(List.of("h9"), accept(live, "host", bit("h2"), bit("h9"), bit("h3"), bit("h9")));
    assertFalse(live.keyed());
    assertFalse(live.replayable());
  }

  @Test
  void aNewValueIsSentShapedLikeAQueriedRow() {
    open(1000).insert(CPU, List.of(bit("h0", 1.5)));
    LiveQuery live = live("select distinct weight from cpu");
    List<Emitted> emitted = new ArrayList<>();
    live.accept(bit("h0", 2.5), NOW, (key, row) -> emitted.add(new Emitted(key, row)));
    // weight is a tag: the value goes in the tags, timestamp and value are 0.
    assertEquals(
        List.of(new Emitted(null, new ResultRow(0, 0L, Map.of(), Map.of("weight", 2.5)))), emitted);
  }

  @Test
  void minusZeroAndZeroAreOneValue() {
    open(1000).insert(CPU, List.of(bit("h0", 0.0)));
    LiveQuery live = live("select distinct weight from cpu");
    assertEquals(List.of(), accept(live, "weight", bit("h1", -0.0), bit("h1", 0.0)));
  }

  @Test
  void bitsLackingTheColumnSendNothing() {
    open(1000).insert(CPU, List.of(bit("h0", 0.0)));
    LiveQuery live = live("select distinct weight from cpu");
    assertEquals(List.of(), accept(live, "weight", bit("h5")));
  }

  @Test
  void aHistoryWithMoreValuesThanMaxRowsFailsAsTheQueryWould() {
    open(2).insert(CPU, List.of(bit("h0"), bit("h1"), bit("h2")));
    NsdbException live =
        assertThrows(NsdbException.class, () -> live("select distinct host from cpu limit 1"));
    NsdbException once =
        assertThrows(
            NsdbException.class,
            () -> harness.execute(CPU, LiveHarness.parse("select distinct host from cpu"), NOW));
    assertEquals(ErrorCode.RESULT_TOO_LARGE, live.code());
    assertEquals(once.getMessage(), live.getMessage());
  }

  @Test
  void pastMaxRowsNewValuesAreStillSentThoughNoLongerRemembered() {
    open(3).insert(CPU, List.of(bit("h0"), bit("h1")));
    LiveQuery live = live("select distinct host from cpu");
    // h7 is the third value and is remembered; h8 and h9 are past the bound.
    assertEquals(
        List.of("h7", "h8", "h8", "h9"),
        accept(live, "host", bit("h7"), bit("h8"), bit("h0"), bit("h8"), bit("h7"), bit("h9")));
  }
}
