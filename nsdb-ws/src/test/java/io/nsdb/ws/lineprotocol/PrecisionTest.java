package io.nsdb.ws.lineprotocol;

import static io.nsdb.ws.lineprotocol.Parse.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecisionTest {

  @ParameterizedTest(name = "{1} {0} = {2} ms")
  @CsvSource({
    "ns, 1704067225920999999, 1704067225920",
    "ns, 999999, 0",
    "ns, -1, -1",
    "ns, -1000000, -1",
    "ns, -1000001, -2",
    "ns, 0, 0",
    "us, 1704067225920999, 1704067225920",
    "us, -1, -1",
    "us, -1001, -2",
    "ms, 1704067225920, 1704067225920",
    "ms, -5, -5",
    "s, 1704067225, 1704067225000",
    "s, -2, -2000",
    "ns, 9223372036854775807, 9223372036854",
    "ns, -9223372036854775808, -9223372036855",
  })
  void timestampsAreFlooredToMilliseconds(String parameter, long written, long millis) {
    Precision precision = Precision.fromParameter(parameter);
    assertEquals(millis, precision.toMillis(written));
    ParsedBatch batch = parse("m value=1 " + written, precision);
    assertEquals(millis, Parse.bits(batch, "m").get(0).timestamp());
  }

  @Test
  void parameters() {
    assertEquals(Precision.NANOSECONDS, Precision.fromParameter(null));
    assertEquals(Precision.NANOSECONDS, Precision.fromParameter(""));
    assertEquals(Precision.NANOSECONDS, Precision.fromParameter("n"));
    assertEquals(Precision.MICROSECONDS, Precision.fromParameter("u"));
    assertEquals(Precision.MICROSECONDS, Precision.fromParameter("us"));
    assertEquals(Precision.MILLISECONDS, Precision.fromParameter("MS"));
    assertEquals(Precision.SECONDS, Precision.fromParameter("s"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Precision.fromParameter("h"));
    assertEquals("unknown precision [precision=h, expected=ns|us|ms|s]", e.getMessage());
  }

  @Test
  void secondsOverflowThrowsArithmeticException() {
    assertThrows(ArithmeticException.class, () -> Precision.SECONDS.toMillis(Long.MAX_VALUE / 10));
  }
}
