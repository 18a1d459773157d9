package io.nsdb.ws.lineprotocol;

import static io.nsdb.ws.lineprotocol.Parse.parse;
import static io.nsdb.ws.lineprotocol.Parse.reason;
import static io.nsdb.ws.lineprotocol.Parse.single;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nsdb.core.model.Bit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Escapes, quoting and every rejected line, with its exact reason. */
class LineProtocolSyntaxTest {

  @Test
  void tagValueEscapes() {
    Bit bit = single("m,a=x\\,y,b=x\\ y,c=x\\=y,d=x\\\\y,e=x\\ny value=1", "m");
    assertEquals(
        Map.of("a", "x,y", "b", "x y", "c", "x=y", "d", "x\\\\y", "e", "x\\ny"), bit.tags());
  }

  @Test
  void escapedSpaceInATagValueDoesNotEndTheSeries() {
    assertEquals(Map.of("host", "my host"), single("m,host=my\\ host value=1 1", "m").tags());
  }

  @Test
  void escapedSpaceAtEveryOffsetOfALongKey() {
    for (int at = 0; at < 24; at++) {
      String before = "v".repeat(at);
      String value = before + "\\ x" + "w".repeat(24 - at);
      Bit bit = single("measurement,tag=" + value + "\tvalue=1 1", "measurement");
      assertEquals(Map.of("tag", before + " x" + "w".repeat(24 - at)), bit.tags(), "at " + at);
    }
  }

  @Test
  void nonAsciiBytesInAKeyDoNotEndIt() {
    assertEquals(Map.of("t", "ééééééééé"), single("m,t=ééééééééé value=1", "m").tags());
  }

  @Test
  void stringFieldEscapesAndContent() {
    Bit bit =
        single(
            "m value=1,a=\"say \\\"hi\\\"\",b=\"back\\\\slash\",c=\"a, b=c d\",d=\"x\\ny\",e=\"\"",
            "m");
    assertEquals(
        Map.of("a", "say \"hi\"", "b", "back\\slash", "c", "a, b=c d", "d", "x\\ny", "e", ""),
        bit.dimensions());
  }

  @Test
  void stringFieldWithNewlines() {
    assertEquals(
        Map.of("s", "line one\nline two\r\nthree"),
        single("m s=\"line one\nline two\r\nthree\",value=1 1", "m").dimensions());
  }

  @Test
  void escapesInNamesAreParsedThenRejectedByTheNameRule() {
    assertEquals(
        "invalid measurement name [line=1, measurement=c,pu, rule=[A-Za-z_][A-Za-z0-9_]*]",
        reason("c\\,pu value=1"));
    assertEquals(
        "invalid measurement name [line=1, measurement=c pu, rule=[A-Za-z_][A-Za-z0-9_]*]",
        reason("c\\ pu value=1"));
    assertEquals(
        "invalid tag key [line=1, tag=a=b, rule=[A-Za-z_][A-Za-z0-9_]*]",
        reason("m,a\\=b=c value=1"));
    assertEquals("invalid field name [line=1, field=a b, rule=[A-Za-z0-9_]+]", reason("m a\\ b=1"));
    assertEquals("invalid field name [line=1, field=a,b, rule=[A-Za-z0-9_]+]", reason("m a\\,b=1"));
    assertEquals(
        "invalid string field name [line=1, field=a=b, rule=[A-Za-z_][A-Za-z0-9_]*]",
        reason("m value=1,a\\=b=\"x\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1cpu value=1 | invalid measurement name [line=1, measurement=1cpu, rule=[A-Za-z_][A-Za-z0-9_]*]",
        "cpu-x value=1 | invalid measurement name [line=1, measurement=cpu-x, rule=[A-Za-z_][A-Za-z0-9_]*]",
        ",a=b value=1 | missing measurement [line=1]",
        "m,1a=b value=1 | invalid tag key [line=1, tag=1a, rule=[A-Za-z_][A-Za-z0-9_]*]",
        "m,a.b=c value=1 | invalid tag key [line=1, tag=a.b, rule=[A-Za-z_][A-Za-z0-9_]*]",
        "m,value=x value=1 | tag key is a built-in column [line=1, tag=value]",
        "m,timestamp=x value=1 | tag key is a built-in column [line=1, tag=timestamp]",
        "m,=x value=1 | missing tag key [line=1]",
        "m,a= value=1 | missing tag value [line=1, tag=a]",
        "m,a value=1 | missing tag value [line=1, tag=a]",
        "m,a=b, value=1 | missing tag key [line=1]",
        "m,a=b=c value=1 | unescaped '=' in tag value [line=1, tag=a]",
        "m,a=1,a=2 value=1 | duplicate tag key [line=1, tag=a]",
        "m | missing fields [line=1]",
        "m,a=b    | missing fields [line=1]",
        "m value | missing field value [line=1, field=value]",
        "m value= 1 | missing field value [line=1, field=value]",
        "m value=1, 1 | missing field key [line=1]",
        "m =1 | missing field key [line=1]",
        "m value=1,value=2 | duplicate field key [line=1, field=value]",
        "m a=1,b=2i,a=3 | duplicate field key [line=1, field=a]",
        "m a=1,a=\"x\" | duplicate field key [line=1, field=a]",
        "m us-er=1 | invalid field name [line=1, field=us-er, rule=[A-Za-z0-9_]+]",
        "m value=1,1s=\"x\" | invalid string field name [line=1, field=1s, rule=[A-Za-z_][A-Za-z0-9_]*]",
        "m value=1,value2=\"x\",timestamp=\"y\" | string field is named like a built-in column [line=1, field=timestamp]",
        "m value=\"x\" | string field is named like a built-in column [line=1, field=value]",
        "m,host=a value=1,host=\"b\" | key is both a tag and a string field [line=1, key=host]",
        "m value=1,s=\"abc | unterminated string field value [line=1, field=s]",
        "m value=1,s=\"abc\"x | unexpected text after string field value [line=1, field=s]",
        "m value=12x | invalid field value [line=1, field=value, value=12x]",
        "m value=1.5i | invalid field value [line=1, field=value, value=1.5i]",
        "m value=-3u | invalid field value [line=1, field=value, value=-3u]",
        "m value=1e | invalid field value [line=1, field=value, value=1e]",
        "m value=- | invalid field value [line=1, field=value, value=-]",
        "m value=. | invalid field value [line=1, field=value, value=.]",
        "m value=0x10 | invalid field value [line=1, field=value, value=0x10]",
        "m value=1.5d | invalid field value [line=1, field=value, value=1.5d]",
        "m value=9223372036854775808i | integer field value out of range [line=1, field=value, value=9223372036854775808i]",
        "m value=-9223372036854775809i | integer field value out of range [line=1, field=value, value=-9223372036854775809i]",
        "m value=9223372036854775808u | integer field value out of range [line=1, field=value, value=9223372036854775808u]",
        "m value=18446744073709551615u | integer field value out of range [line=1, field=value, value=18446744073709551615u]",
        "m value=NaN | non-finite field value [line=1, field=value, value=NaN]",
        "m value=nan | non-finite field value [line=1, field=value, value=nan]",
        "m value=Inf | non-finite field value [line=1, field=value, value=Inf]",
        "m value=-Infinity | non-finite field value [line=1, field=value, value=-Infinity]",
        "m value=1e400 | non-finite field value [line=1, field=value, value=1e400]",
        "m value=-1e400 | non-finite field value [line=1, field=value, value=-1e400]",
        "m value=1 12a | invalid timestamp [line=1, timestamp=12a]",
        "m value=1 1.5 | invalid timestamp [line=1, timestamp=1.5]",
        "m value=1 99999999999999999999 | timestamp out of range [line=1, timestamp=99999999999999999999, precision=ns]",
        "m value=1 1 2 | unexpected text after timestamp [line=1, text=2]",
      })
  void rejectedLine(String line, String expected) {
    assertEquals(expected, reason(line));
  }

  @Test
  void secondsThatOverflowMillisecondsAreRejected() {
    ParsedBatch batch = parse("m value=1 9223372036854776", Precision.SECONDS);
    assertEquals(
        "timestamp out of range [line=1, timestamp=9223372036854776, precision=s]",
        batch.errors().get(0).reason());
  }

  @Test
  void longValuesAreCutInReasons() {
    String value = "x".repeat(200);
    assertEquals(
        "invalid field value [line=1, field=value, value=" + "x".repeat(64) + "...]",
        reason("m value=" + value));
  }

  @Test
  void hugeAndTinyFloatsWithinRange() {
    assertEquals(1.7976931348623157e308, single("m value=1.7976931348623157e308", "m").value());
    assertEquals(4.9e-324, single("m value=4.9e-324", "m").value());
    assertEquals(
        Double.parseDouble("123456789012345678901234567890"),
        single("m value=123456789012345678901234567890", "m").value());
  }

  @Test
  void fieldKeysMayStartWithADigitBecauseTheMetricDoesNot() {
    assertEquals(2.0, single("load 1m=2", "load_1m").value());
    assertEquals(3.0, single("m Value=3", "m_Value").value());
  }
}
