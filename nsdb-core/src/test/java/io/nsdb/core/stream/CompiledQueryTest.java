package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.LONG_SCHEMA;
import static io.nsdb.core.stream.StreamFixtures.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompiledQueryTest {

  private static final long NOW = 1_700_000_000_000L;

  private static Bit bit(long timestamp, Number value, Map<String, Object> dimensions) {
    return new Bit(timestamp, value, dimensions, Map.of());
  }

  @Test
  void equalitiesAreTheTopLevelConjunctsInWrittenOrder() {
    assertEquals(
        List.of(new Equality("host", "a"), new Equality("cores", 4.0)),
        compile("host = 'a' and load > 1 and cores = 4").equalities());
    assertEquals(List.of(new Equality("host", "a")), compile("host = 'a'").equalities());
    assertEquals(
        List.of(new Equality("value", 0.0), new Equality("timestamp", 1000.0)),
        compile("value = -0.0 and (timestamp = 1000 and host <> 'b')").equalities());
  }

  @Test
  void conditionsThatDoNotPinAValueGiveNoEquality() {
    for (String where :
        List.of(
            "",
            "host = 'a' or host = 'b'",
            "not host = 'a'",
            "host <> 'a'",
            "host like 'a$'",
            "host is null",
            "cores in (1, 1)",
            "timestamp = now",
            "host = 'a' or cores = 1 and region = 'eu'")) {
      assertEquals(List.of(), compile(where).equalities(), where);
    }
  }

  @Test
  void nowIsReadAtEachEvaluation() {
    CompiledQuery recent = compile("timestamp > now - 1s");
    Bit bit = bit(NOW, 1.0, Map.of());
    assertTrue(recent.matches(bit, NOW + 999));
    assertFalse(recent.matches(bit, NOW + 1000));
    CompiledQuery window = compile("timestamp in (now - 10s, now)");
    assertTrue(window.matches(bit, NOW));
    assertTrue(window.matches(bit, NOW + 10_000));
    assertFalse(window.matches(bit, NOW - 1));
  }

  @Test
  void aQueryWithoutWhereMatchesEveryBit() {
    assertTrue(compile("").matches(bit(0, 1L, Map.of()), NOW));
  }

  @Test
  void theValueIsReadInTheMetricsEncoding() {
    // A DECIMAL metric takes integer bits; the predicate reads doubles.
    assertTrue(compile("value = 2").matches(bit(0, 2L, Map.of()), NOW));
    assertTrue(compile("value > 1.5").matches(bit(0, 2L, Map.of()), NOW));
    assertTrue(compile("value = 2", LONG_SCHEMA).matches(bit(0, 2L, Map.of()), NOW));
    assertTrue(compile("value = 2.0", LONG_SCHEMA).matches(bit(0, 2L, Map.of()), NOW));
    // A DECIMAL bit is not one of a BIGINT metric (say, of the metric dropped and remade).
    assertFalse(compile("value = 2.5", LONG_SCHEMA).matches(bit(0, 2.5, Map.of()), NOW));
    assertFalse(compile("", LONG_SCHEMA).matches(bit(0, 2.5, Map.of()), NOW));
  }

  @Test
  void bindingErrorsAreThoseOfAOneOffQuery() {
    assertEquals(
        ErrorCode.UNKNOWN_COLUMN,
        assertThrows(NsdbException.class, () -> compile("hots = 'a'")).code());
    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        assertThrows(NsdbException.class, () -> compile("cores = '1'")).code());
    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        assertThrows(NsdbException.class, () -> compile("host = 1")).code());
    assertEquals(
        ErrorCode.INVALID_GROUP_BY,
        assertThrows(
                NsdbException.class,
                () ->
                    CompiledQuery.compile(
                        (Select) SqlParser.parse("select count(*) from cpu group by value"),
                        StreamFixtures.SCHEMA))
            .code());
  }
}
