package io.nsdb.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Delete;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicateCompilerTest {

  private static final long NOW = 1_000_000;
  private static final Schema SCHEMA =
      Schema.of(
          new MetricKey("db", "ns", "cpu"),
          new Bit(0, 1.0, Map.of("host", "web1", "cores", 4L), Map.of("region", "eu")));

  private static final SeriesKey WEB1 =
      new SeriesKey(Map.of("host", "web1", "cores", 4L), Map.of("region", "eu"));
  private static final SeriesKey NO_HOST = new SeriesKey(Map.of("cores", 8L), Map.of());

  private static PointPredicate compile(String where) {
    Delete delete = (Delete) SqlParser.parse("delete from cpu where " + where);
    return PredicateCompiler.compile(delete.where(), SCHEMA, NOW);
  }

  private static Truth eval(String where, SeriesKey series, long timestamp, double value) {
    return compile(where).evaluate(series, timestamp, Double.doubleToRawLongBits(value));
  }

  @Test
  void comparesSeriesColumnsTimestampAndValue() {
    assertEquals(Truth.TRUE, eval("host = 'web1' and cores >= 4", WEB1, 5, 1));
    assertEquals(Truth.FALSE, eval("host <> web1", WEB1, 5, 1));
    assertEquals(Truth.TRUE, eval("value > 2.5 and value < 3", WEB1, 5, 2.75));
    assertEquals(Truth.TRUE, eval("value = 0", WEB1, 5, -0.0));
    assertEquals(Truth.TRUE, eval("timestamp in (now - 1s, now)", WEB1, NOW - 1000, 1));
    assertEquals(Truth.FALSE, eval("timestamp > now - 1s", WEB1, NOW - 1000, 1));
    assertEquals(Truth.TRUE, eval("host like 'web$' and region like $u", WEB1, 5, 1));
  }

  @Test
  void aClockedPredicateReadsNowAtEachEvaluationAsACompiledOneWould() {
    Delete delete = (Delete) SqlParser.parse("delete from cpu where timestamp in (now - 1s, now)");
    ClockedPredicate clocked = PredicateCompiler.compileClocked(delete.where(), SCHEMA);
    long value = Double.doubleToRawLongBits(1);
    for (long now = NOW - 2000; now <= NOW + 2000; now += 250) {
      PointPredicate fixed = PredicateCompiler.compile(delete.where(), SCHEMA, now);
      assertEquals(fixed.evaluate(WEB1, NOW, value), clocked.evaluate(WEB1, NOW, value, now));
    }
    assertEquals(Truth.TRUE, clocked.evaluate(WEB1, NOW, value, NOW + 1000));
    assertEquals(Truth.FALSE, clocked.evaluate(WEB1, NOW, value, NOW + 1001));
  }

  @Test
  void aMissingColumnIsUnknownAndNotOfUnknownIsUnknown() {
    assertEquals(Truth.UNKNOWN, eval("host = 'web1'", NO_HOST, 5, 1));
    assertEquals(Truth.UNKNOWN, eval("not host = 'web1'", NO_HOST, 5, 1));
    assertEquals(Truth.TRUE, eval("host is null", NO_HOST, 5, 1));
    assertEquals(Truth.FALSE, eval("host is not null", NO_HOST, 5, 1));
    assertEquals(Truth.TRUE, eval("host = 'x' or cores = 8", NO_HOST, 5, 1));
    assertEquals(Truth.FALSE, eval("host = 'x' and cores = 9", NO_HOST, 5, 1));
    assertEquals(Truth.UNKNOWN, eval("host = 'x' or cores = 9", NO_HOST, 5, 1));
  }

  @Test
  void unknownColumnsAndTypeMismatchesAreNamed() {
    NsdbException unknown = assertThrows(NsdbException.class, () -> compile("hots = 'a'"));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, unknown.code());
    assertEquals(
        "line 1:23: unknown column [metric=db.ns.cpu, column=hots, columns=cores, host, region]",
        unknown.getMessage());

    NsdbException mismatch = assertThrows(NsdbException.class, () -> compile("host = 3"));
    assertEquals(ErrorCode.TYPE_MISMATCH, mismatch.code());
    assertEquals(
        "line 1:23: column cannot be compared with that value [metric=db.ns.cpu, column=host,"
            + " type=VARCHAR, offered=3]",
        mismatch.getMessage());

    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        assertThrows(NsdbException.class, () -> compile("cores like 'a$'")).code());
    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        assertThrows(NsdbException.class, () -> compile("cores = 'four'")).code());
  }
}
