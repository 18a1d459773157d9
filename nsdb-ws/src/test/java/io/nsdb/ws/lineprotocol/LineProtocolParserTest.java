package io.nsdb.ws.lineprotocol;

import static io.nsdb.ws.lineprotocol.Parse.NOW;
import static io.nsdb.ws.lineprotocol.Parse.bits;
import static io.nsdb.ws.lineprotocol.Parse.parse;
import static io.nsdb.ws.lineprotocol.Parse.reason;
import static io.nsdb.ws.lineprotocol.Parse.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nsdb.core.model.Bit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping of lines to bits, and the batch around them. */
class LineProtocolParserTest {

  @Test
  void referenceLineIsOneBitWithTags() {
    Bit bit =
        single(
            "cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=57.31 1704067225920000000",
            "cpu");
    assertEquals(
        new Bit(
            1704067225920L,
            57.31,
            Map.of(),
            Map.of("host", "host_0042", "region", "region_2", "datacenter", "dc_2_1")),
        bit);
  }

  @Test
  void fieldTypes() {
    assertEquals(1.0, single("m value=1", "m").value());
    assertEquals(1.5, single("m value=1.5", "m").value());
    assertEquals(-2000.0, single("m value=-2e3", "m").value());
    assertEquals(12L, single("m value=12i", "m").value());
    assertEquals(-12L, single("m value=-12i", "m").value());
    assertEquals(12L, single("m value=12u", "m").value());
    assertEquals(Long.MAX_VALUE, single("m value=9223372036854775807u", "m").value());
    assertEquals(Long.MIN_VALUE, single("m value=-9223372036854775808i", "m").value());
  }

  @Test
  void booleansAreOneAndZero() {
    for (String yes : List.of("t", "T", "true", "True", "TRUE")) {
      assertEquals(1L, single("m value=" + yes, "m").value(), yes);
    }
    for (String no : List.of("f", "F", "false", "False", "FALSE")) {
      assertEquals(0L, single("m value=" + no, "m").value(), no);
    }
    assertEquals("invalid field value [line=1, field=value, value=tRUE]", reason("m value=tRUE"));
    assertEquals("invalid field value [line=1, field=value, value=yes]", reason("m value=yes"));
  }

  @Test
  void eachOtherFieldIsItsOwnMetric() {
    ParsedBatch batch = parse("cpu,host=a value=1,usage=2i,idle=0.5 10000000");
    assertEquals(List.of("cpu", "cpu_usage", "cpu_idle"), List.copyOf(batch.metrics().keySet()));
    assertEquals(3, batch.points());
    assertEquals(1, batch.lines());
    Map<String, Object> tags = Map.of("host", "a");
    assertEquals(List.of(new Bit(10, 1.0, Map.of(), tags)), bits(batch, "cpu"));
    assertEquals(List.of(new Bit(10, 2L, Map.of(), tags)), bits(batch, "cpu_usage"));
    assertEquals(List.of(new Bit(10, 0.5, Map.of(), tags)), bits(batch, "cpu_idle"));
  }

  @Test
  void fieldWithoutValueFieldNeedsNoBaseMetric() {
    ParsedBatch batch = parse("disk used=5i,free=7i");
    assertEquals(List.of("disk_used", "disk_free"), List.copyOf(batch.metrics().keySet()));
    assertNull(batch.metrics().get("disk"));
  }

  @Test
  void stringFieldsAreDimensionsOfEveryBitOfTheLine() {
    ParsedBatch batch =
        parse("cpu,host=a value=1,model=\"Xeon Gold\",load=3i,os=\"linux\" 1000000");
    Map<String, Object> dimensions = Map.of("model", "Xeon Gold", "os", "linux");
    assertEquals(List.of(new Bit(1, 1.0, dimensions, Map.of("host", "a"))), bits(batch, "cpu"));
    assertEquals(List.of(new Bit(1, 3L, dimensions, Map.of("host", "a"))), bits(batch, "cpu_load"));
    assertEquals(2, batch.points());
  }

  @Test
  void onlyStringFieldsIsRejected() {
    assertEquals("no numeric field [line=1]", reason("cpu,host=a model=\"x\",os=\"y\" 1"));
  }

  @Test
  void missingTimestampIsNow() {
    assertEquals(NOW, single("m value=1", "m").timestamp());
    assertEquals(NOW, single("m value=1   ", "m").timestamp());
    assertEquals(NOW, single("m s=\"a b\",value=1\n", "m").timestamp());
  }

  @Test
  void batchCountsAndGroupsInInputOrder() {
    ParsedBatch batch =
        parse("b value=1 1000000\na value=2 2000000\nb value=3 3000000\nb x=4 4000000\n");
    assertEquals(List.of("b", "a", "b_x"), List.copyOf(batch.metrics().keySet()));
    assertEquals(List.of(1L, 3L), timestamps(bits(batch, "b")));
    MetricBits b = batch.metrics().get("b");
    assertEquals(1, b.firstLine());
    assertEquals(3, b.lastLine());
    assertEquals(4, batch.metrics().get("b_x").firstLine());
    assertEquals(4, batch.lines());
    assertEquals(4, batch.points());
    assertEquals(4, batch.acceptedLines());
  }

  @Test
  void emptyBodyCommentsAndBlankLines() {
    assertEquals(new ParsedBatch(Map.of(), 0, 0, List.of(), 0), parse(""));
    assertEquals(
        new ParsedBatch(Map.of(), 0, 0, List.of(), 0),
        parse("# a comment\n\n   \n  # indented comment, value=1\r\n\t\n"));
  }

  @Test
  void crlfLeadingAndTrailingWhitespaceAndNoFinalNewline() {
    ParsedBatch batch =
        parse("  m value=1 1000000  \r\n\tm value=2 2000000\r\n\r\n# c\r\nm value=3 3000000");
    assertEquals(List.of(), batch.errors());
    assertEquals(List.of(1L, 2L, 3L), timestamps(bits(batch, "m")));
  }

  @Test
  void sectionsMaySpreadOverSeveralSpaces() {
    assertEquals(5L, single("m,a=b    value=1    5000000", "m").timestamp());
  }

  @Test
  void unicodeTagAndStringValues() {
    Bit bit = single("m,city=Zürich,sym=€漢字 value=1,note=\"ça va ✓\"", "m");
    assertEquals(Map.of("city", "Zürich", "sym", "€漢字"), bit.tags());
    assertEquals(Map.of("note", "ça va ✓"), bit.dimensions());
  }

  @Test
  void mixedValidAndInvalidLinesReportExactLinesAndKeepGoing() {
    String body =
        String.join(
            "\n",
            "cpu,host=a value=1 1000000",
            "# comment",
            "cpu,host=b usage=12x 2000000",
            "",
            "cpu,host=c value=3 3000000",
            "cpu,host=d value=NaN",
            "cpu,host=e value=5 5000000");
    ParsedBatch batch = parse(body);
    assertEquals(
        List.of(
            new LineError(3, "invalid field value [line=3, field=usage, value=12x]"),
            new LineError(6, "non-finite field value [line=6, field=value, value=NaN]")),
        batch.errors());
    assertEquals(2, batch.errorCount());
    assertEquals(5, batch.lines());
    assertEquals(3, batch.acceptedLines());
    assertEquals(List.of(1L, 3L, 5L), timestamps(bits(batch, "cpu")));
  }

  @Test
  void aStringSpanningLinesCountsFromItsFirstLine() {
    String body =
        "m value=1,s=\"one\ntwo\nthree\" 1000000\n" + "m value=oops\n" + "m value=3 3000000\n";
    ParsedBatch batch = parse(body);
    assertEquals(
        List.of(new LineError(4, "invalid field value [line=4, field=value, value=oops]")),
        batch.errors());
    assertEquals(Map.of("s", "one\ntwo\nthree"), bits(batch, "m").get(0).dimensions());
    assertEquals(5, batch.metrics().get("m").lastLine());
  }

  @Test
  void aBadLineWithAMultiLineStringIsSkippedWhole() {
    String body = "m value=x,s=\"a\nm value=2\" 1\nm value=3 3000000";
    ParsedBatch batch = parse(body);
    assertEquals(
        List.of(new LineError(1, "invalid field value [line=1, field=value, value=x]")),
        batch.errors());
    assertEquals(List.of(3L), timestamps(bits(batch, "m")));
    assertEquals(3, batch.metrics().get("m").firstLine());
  }

  @Test
  void aBadSeriesWithAQuoteDoesNotSwallowTheNextLine() {
    ParsedBatch batch = parse("m,t\"ag=x value=1\nm value=2 2000000");
    assertEquals(1, batch.errorCount());
    assertEquals(1, batch.errors().get(0).lineNumber());
    assertEquals(List.of(2L), timestamps(bits(batch, "m")));
  }

  @Test
  void errorsAreCappedButCounted() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      body.append("m value=bad\n");
    }
    body.append("m value=1\n");
    ParsedBatch batch = parse(body.toString());
    assertEquals(ParsedBatch.MAX_ERRORS, batch.errors().size());
    assertEquals(250, batch.errorCount());
    assertEquals(100, batch.errors().get(99).lineNumber());
    assertEquals(251, batch.lines());
    assertEquals(1, batch.points());
  }

  @Test
  void repeatedSeriesComeFromTheCacheAndEqualAFreshParse() {
    LineProtocolParser parser = new LineProtocolParser();
    byte[] body =
        "cpu,host=a,dc=x value=1,load=2i 1000000\ncpu,host=a,dc=x value=3,load=4i 2000000\n"
            .getBytes(StandardCharsets.UTF_8);
    ParsedBatch first = parser.parse(body, Precision.NANOSECONDS, NOW);
    ParsedBatch second = parser.parse(body, Precision.NANOSECONDS, NOW);
    assertEquals(first, second);
    assertEquals(first, parse(new String(body, StandardCharsets.UTF_8)));
    List<Bit> cpu = bits(second, "cpu");
    assertSame(cpu.get(0).tags(), cpu.get(1).tags(), "one tag map per series");
  }

  @Test
  void aSmallCacheIsClearedAndStillCorrect() {
    LineProtocolParser parser = new LineProtocolParser(2);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("m,host=h").append(i % 7).append(" value=").append(i).append(' ').append(i);
      body.append("000000\n");
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    ParsedBatch batch = parser.parse(bytes, Precision.NANOSECONDS, NOW);
    assertEquals(batch, parse(body.toString()));
    assertEquals(50, batch.points());
    assertEquals(Map.of("host", "h3"), bits(batch, "m").get(10).tags());
  }

  @Test
  void parsesARangeOfTheArray() {
    byte[] body = "xxm value=1 1000000\nyy".getBytes(StandardCharsets.UTF_8);
    ParsedBatch batch = new LineProtocolParser().parse(body, 2, 18, Precision.NANOSECONDS, NOW);
    assertEquals(List.of(new Bit(1, 1.0, Map.of(), Map.of())), bits(batch, "m"));
  }

  private static List<Long> timestamps(List<Bit> bits) {
    return bits.stream().map(Bit::timestamp).toList();
  }
}
