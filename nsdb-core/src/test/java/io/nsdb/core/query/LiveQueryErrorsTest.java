package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A live query is refused exactly as the one-off query would be: same code, message, position. */
class LiveQueryErrorsTest {

  @TempDir Path data;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "select * from nope | UNKNOWN_METRIC",
        "select foo from cpu | UNKNOWN_COLUMN",
        "select * from cpu where host = 1 | TYPE_MISMATCH",
        "select count(*) from cpu group by value | INVALID_GROUP_BY",
        "select count(*) from cpu group by host order by region | INVALID_ORDER_BY",
        "select sum(value) from cpu where nothing > 3 group by interval 1m | UNKNOWN_COLUMN",
        "select distinct timestamp from cpu | INVALID_DISTINCT"
      })
  void aBadSelectFailsWithTheEnginesError(String sql, ErrorCode code) {
    try (LiveHarness harness = new LiveHarness(data)) {
      harness.insert(CPU, List.of(new Bit(NOW, 1L, Map.of("host", "a"), Map.of("region", "eu"))));
      MetricKey metric = sql.contains("nope") ? new MetricKey("db", "ns", "nope") : CPU;
      Select select = LiveHarness.parse(sql);
      NsdbException once =
          assertThrows(NsdbException.class, () -> harness.engine.execute(metric, select, NOW));
      NsdbException live =
          assertThrows(NsdbException.class, () -> harness.engine.live(metric, select, NOW));
      assertEquals(code, live.code());
      assertEquals(once.code(), live.code());
      assertEquals(once.getMessage(), live.getMessage());
      assertEquals(once.position(), live.position());
    }
  }

  @Test
  void aValidSelectOnAnEmptyRangeStillStarts() {
    try (LiveHarness harness = new LiveHarness(data)) {
      harness.insert(CPU, List.of(new Bit(NOW, 1L, Map.of("host", "a"), Map.of())));
      LiveQuery live =
          harness.engine.live(
              CPU, LiveHarness.parse("select count(*) from cpu where timestamp > now + 1h"), NOW);
      assertEquals(0L, live.history().get(0).value());
    }
  }
}
