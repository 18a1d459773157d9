package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * POST /write, InfluxDB line protocol: 204 once queryable, the mapping of measurement, tags and
 * fields to metrics, precision, gzip, and all-or-nothing 400s listing every bad line.
 */
class LineProtocolWriteRoutesTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void linesAreAcknowledged204AndQueryableAtOnce() {
    HttpResponse<String> response =
        write(
            "/write?db=lp_map&namespace=ns",
            "cpu,host=a,region=eu value=0.5,load=3i,state=\"ok\" 1000000000\n"
                + "cpu,host=b,region=us value=1.5,load=4i,state=\"busy\" 2000000000\n");

    assertEquals(204, response.statusCode(), response.body());
    assertEquals("", response.body());
    JsonNode cpu = records(server.query("lp_map", "ns", "select * from cpu order by timestamp"));
    assertEquals(2, cpu.size());
    JsonNode first = cpu.get(0);
    assertEquals(1000, first.path("timestamp").asLong(), "ns floored to ms");
    assertEquals(0.5, first.path("value").asDouble());
    assertEquals("a", first.path("tags").path("host").asText());
    assertEquals("eu", first.path("tags").path("region").asText());
    assertEquals("ok", first.path("dimensions").path("state").asText());
  }

  @Test
  void otherNumericFieldsBecomeMetricsNamedMeasurementUnderscoreField() {
    write("/write?db=lp_fields&namespace=ns", "cpu,host=a value=0.5,load=3i,busy=t 5000000\n");

    JsonNode load = records(server.query("lp_fields", "ns", "select * from cpu_load"));
    assertEquals(1, load.size());
    assertEquals(5, load.get(0).path("timestamp").asLong());
    assertEquals(3, load.get(0).path("value").asLong());
    assertEquals("a", load.get(0).path("tags").path("host").asText());
    JsonNode busy = records(server.query("lp_fields", "ns", "select * from cpu_busy"));
    assertEquals(1, busy.get(0).path("value").asLong(), "a boolean true is 1");
    assertEquals(
        "[\"cpu\",\"cpu_busy\",\"cpu_load\"]",
        json(server.get("/commands/lp_fields/ns/metrics")).path("metrics").toString());
  }

  @ParameterizedTest
  @CsvSource({
    "ns, 1700000000123456789",
    "us, 1700000000123456",
    "ms, 1700000000123",
    "s, 1700000000",
  })
  void precisionSaysWhatTheTimestampCounts(String precision, String timestamp) {
    String db = "lp_precision_" + precision;

    HttpResponse<String> response =
        write(
            "/write?db=" + db + "&namespace=ns&precision=" + precision, "cpu value=1 " + timestamp);

    assertEquals(204, response.statusCode(), response.body());
    long expected = precision.equals("s") ? 1_700_000_000_000L : 1_700_000_000_123L;
    assertEquals(
        expected,
        records(server.query(db, "ns", "select * from cpu")).get(0).path("timestamp").asLong());
  }

  @Test
  void aBadLineRejectsTheWholeBatchListingEachBadLine() {
    HttpResponse<String> response =
        write(
            "/write?db=lp_bad&namespace=ns",
            "cpu value=1 1000000\n"
                + "cpu value=oops 2000000\n"
                + "mem value=2 3000000\n"
                + "mem,host=a 4000000\n");

    JsonNode error = assertError(response, 400, "INVALID_LINE_PROTOCOL", "nothing was written");
    JsonNode errors = error.path("errors");
    assertEquals(2, errors.size(), response.body());
    assertEquals(2, errors.get(0).path("line").asInt());
    assertEquals(4, errors.get(1).path("line").asInt());
    assertTrue(errors.get(0).path("reason").asText().contains("line=2"), response.body());
    assertError(server.get("/commands/lp_bad/namespaces"), 404, "UNKNOWN_DATABASE", "lp_bad");
  }

  @Test
  void aSchemaConflictInOneMetricWritesNoMetricOfTheBatch() {
    write("/write?db=lp_atomic&namespace=ns", "cpu,host=a value=1 1000000\n");

    HttpResponse<String> response =
        write(
            "/write?db=lp_atomic&namespace=ns",
            "mem value=1 1000000\n" + "cpu value=2,host=\"b\" 2000000\n");

    assertEquals(400, response.statusCode(), response.body());
    assertEquals("SCHEMA_CONFLICT", json(response).path("code").asText(), response.body());
    assertEquals(
        "[\"cpu\"]",
        json(server.get("/commands/lp_atomic/ns/metrics")).path("metrics").toString(),
        "mem must not have been written");
  }

  @Test
  void dbAndNamespaceAreRequired() {
    assertError(write("/write?namespace=ns", "cpu value=1"), 400, "INVALID_REQUEST", "field=db");
    assertError(
        write("/write?db=lp_missing", "cpu value=1"), 400, "INVALID_REQUEST", "field=namespace");
    assertError(
        write("/write?db=lp_missing&namespace=ns&precision=h", "cpu value=1"),
        400,
        "INVALID_REQUEST",
        "field=precision");
  }

  @Test
  void gzipBodyIsDecoded() {
    HttpResponse<String> response =
        server.send(
            server
                .request("/write?db=lp_gzip&namespace=ns&precision=ms")
                .header("Content-Encoding", "gzip")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        TestServer.gzip("cpu value=1 1\ncpu value=2 2\n")))
                .build());

    assertEquals(204, response.statusCode(), response.body());
    assertEquals(2, records(server.query("lp_gzip", "ns", "select * from cpu")).size());
  }

  private static HttpResponse<String> write(String pathAndQuery, String lines) {
    return server.send(
        server
            .request(pathAndQuery)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(lines))
            .build());
  }
}
