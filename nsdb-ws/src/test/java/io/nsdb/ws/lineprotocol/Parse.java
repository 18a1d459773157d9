package io.nsdb.ws.lineprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nsdb.core.model.Bit;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test shorthands: parse a text body, and pick out bits and errors. */
final class Parse {

  static final long NOW = 1_700_000_000_000L;

  private Parse() {}

  static ParsedBatch parse(String body) {
    return parse(body, Precision.NANOSECONDS);
  }

  static ParsedBatch parse(String body, Precision precision) {
    return new LineProtocolParser().parse(body.getBytes(StandardCharsets.UTF_8), precision, NOW);
  }

  static List<Bit> bits(ParsedBatch batch, String metric) {
    MetricBits bits = batch.metrics().get(metric);
    return bits == null ? List.of() : bits.bits();
  }

  /** The only bit of a body of one good line, in {@code metric}. */
  static Bit single(String body, String metric) {
    ParsedBatch batch = parse(body);
    assertEquals(List.of(), batch.errors(), "errors");
    assertEquals(1, batch.points(), "points");
    return bits(batch, metric).get(0);
  }

  /** The reason of the only error of a body of one bad line. */
  static String reason(String body) {
    ParsedBatch batch = parse(body);
    assertEquals(1, batch.errorCount(), () -> "errors of " + body + ": " + batch.errors());
    assertEquals(0, batch.points(), "points");
    return batch.errors().get(0).reason();
  }
}
