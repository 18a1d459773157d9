package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.bit;
import static io.nsdb.ws.testing.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /data: NSDb's single bit, our batches, and every way a body can be wrong. */
class DataRoutesTest {

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
  void singleBitIsAnsweredOkAsTextAndIsQueryable() {
    HttpResponse<String> response =
        server.postJson(
            "/data",
            """
            {"db": "data_single", "namespace": "ns", "metric": "cpu",
             "bit": {"timestamp": 1000, "value": 0.5,
                     "dimensions": {"host": "web-1"}, "tags": {"region": "eu"}}}
            """);

    assertEquals(200, response.statusCode());
    assertEquals("OK", response.body());
    JsonNode records = records(server.query("data_single", "ns", "select * from cpu"));
    assertEquals(1, records.size());
    JsonNode row = records.get(0);
    assertEquals(1000, row.path("timestamp").asLong());
    assertEquals(0.5, row.path("value").asDouble());
    assertEquals("web-1", row.path("dimensions").path("host").asText());
    assertEquals("eu", row.path("tags").path("region").asText());
  }

  @Test
  void batchAnswersCountAndLsnAndEveryPointIsReadRightAfter() {
    List<Map<String, Object>> bits = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bits.add(bit(i, i, Map.of("host", "h" + (i % 5)), Map.of()));
    }

    HttpResponse<String> response =
        server.postJson(
            "/data", Map.of("db", "data_batch", "namespace", "ns", "metric", "cpu", "bits", bits));

    assertEquals(200, response.statusCode());
    JsonNode answer = json(response);
    assertEquals(200, answer.path("accepted").asInt());
    assertTrue(answer.path("lsn").asLong() > 0, response.body());
    JsonNode records = records(server.query("data_batch", "ns", "select * from cpu limit 1000"));
    assertEquals(200, records.size());
    long sum = 0;
    for (JsonNode row : records) {
      sum += row.path("timestamp").asLong();
    }
    assertEquals(199 * 200 / 2, sum);
  }

  @Test
  void concurrentBatchesAreAllReadRightAfterTheirAcknowledgements() {
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int writer = 0; writer < 8; writer++) {
      List<Map<String, Object>> bits = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        bits.add(bit(writer * 1000L + i, i, Map.of("writer", "w" + writer), Map.of()));
      }
      String body =
          TestServer.write(
              Map.of("db", "data_concurrent", "namespace", "ns", "metric", "cpu", "bits", bits));
      sent.add(
          server
              .client()
              .sendAsync(
                  server
                      .request("/data")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> response : sent) {
      assertEquals(200, response.join().statusCode(), response.join().body());
    }

    assertEquals(
        800,
        records(server.query("data_concurrent", "ns", "select * from cpu limit 10000")).size());
  }

  @Test
  void lsnGrowsFromBatchToBatch() {
    long first = lsnOf(List.of(bit(1, 1, Map.of(), Map.of())));
    long second = lsnOf(List.of(bit(2, 2, Map.of(), Map.of())));

    assertTrue(second > first, first + " then " + second);
  }

  @Test
  void batchWithOneBadBitWritesNothingAndNamesTheField() {
    server.insert("data_atomic", "ns", "cpu", List.of(bit(1, 1, Map.of(), Map.of())));

    HttpResponse<String> response =
        server.postJson(
            "/data",
            """
            {"db": "data_atomic", "namespace": "ns", "metric": "cpu",
             "bits": [{"timestamp": 2, "value": 2}, {"timestamp": 3, "value": true}]}
            """);

    assertError(response, 400, "INVALID_REQUEST", "bits[1].value");
    assertEquals(1, records(server.query("data_atomic", "ns", "select * from cpu")).size());
  }

  @Test
  void batchConflictingWithTheSchemaWritesNothing() {
    server.insert("data_schema", "ns", "cpu", List.of(bit(1, 1, Map.of("host", "a"), Map.of())));

    HttpResponse<String> response =
        server.postJson(
            "/data",
            Map.of(
                "db", "data_schema",
                "namespace", "ns",
                "metric", "cpu",
                "bits",
                    List.of(
                        bit(2, 2, Map.of("host", "b"), Map.of()),
                        bit(3, 3, Map.of("host", 7), Map.of()))));

    assertError(response, 400, "SCHEMA_CONFLICT", "host");
    assertEquals(1, records(server.query("data_schema", "ns", "select * from cpu")).size());
  }

  @Test
  void unknownFieldsOfNsdbClientsAreIgnored() {
    HttpResponse<String> response =
        server.postJson(
            "/data",
            """
            {"db": "data_unknown", "namespace": "ns", "metric": "cpu", "extra": 1,
             "bit": {"timestamp": 5, "value": 1, "dimensions": {}, "tags": {},
                     "uniqueValues": []}}
            """);

    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void gzipBodyIsDecoded() {
    String body =
        """
        {"db": "data_gzip", "namespace": "ns", "metric": "cpu",
         "bits": [{"timestamp": 1, "value": 1}, {"timestamp": 2, "value": 2}]}
        """;

    HttpResponse<String> response =
        server.send(
            server
                .request("/data")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestServer.gzip(body)))
                .build());

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(2, json(response).path("accepted").asInt());
    assertEquals(2, records(server.query("data_gzip", "ns", "select * from cpu")).size());
  }

  @Test
  void bodyThatIsNotTheGzipItClaimsIs400() {
    HttpResponse<String> response =
        server.send(
            server
                .request("/data")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"db\": \"x\"}"))
                .build());

    assertError(response, 400, "INVALID_REQUEST", "encoding is corrupt");
    assertEquals(TestServer.VERSION, response.headers().firstValue("NSDb-Version").orElse(""));
  }

  @Test
  void unsupportedContentEncodingIs415() {
    HttpResponse<String> response =
        server.send(
            server
                .request("/data")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());

    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE", "gzip");
  }

  @Test
  void malformedJsonIs400MalformedJson() {
    assertError(server.postJson("/data", "{\"db\": "), 400, "MALFORMED_JSON", "line=");
    assertError(server.postJson("/data", ""), 400, "MALFORMED_JSON", "empty");
  }

  @Test
  void bodyThatIsNotAnObjectIs400() {
    assertError(server.postJson("/data", "[1, 2]"), 400, "INVALID_REQUEST", "array");
  }

  @Test
  void wrongTypesAreNamedByTheirPath() {
    assertError(
        postBit("{\"timestamp\": \"1000\", \"value\": 1}"),
        400,
        "INVALID_REQUEST",
        "field=bit.timestamp");
    assertError(
        postBit("{\"timestamp\": 1000, \"value\": false}"),
        400,
        "INVALID_REQUEST",
        "field=bit.value");
    assertError(
        postBit("{\"timestamp\": 1000, \"value\": 1, \"dimensions\": [\"a\"]}"),
        400,
        "INVALID_REQUEST",
        "field=bit.dimensions");
    assertError(
        postBit("{\"timestamp\": 1000, \"value\": 1, \"tags\": {\"t\": {\"x\": 1}}}"),
        400,
        "INVALID_REQUEST",
        "field=bit.tags.t");
    assertError(
        postBit("{\"timestamp\": 1.5, \"value\": 1}"), 400, "INVALID_REQUEST", "bit.timestamp");
  }

  @Test
  void missingFieldsAreNamed() {
    assertError(
        postBit("{\"value\": 1}"),
        400,
        "INVALID_REQUEST",
        "missing required field [field=bit.timestamp]");
    assertError(
        postBit("{\"timestamp\": 1}"),
        400,
        "INVALID_REQUEST",
        "missing required field [field=bit.value]");
    assertError(
        server.postJson(
            "/data",
            "{\"namespace\": \"ns\", \"metric\": \"cpu\", \"bit\": {\"timestamp\": 1, \"value\": 1}}"),
        400,
        "INVALID_REQUEST",
        "[field=db]");
    assertError(
        server.postJson("/data", "{\"db\": \"d\", \"namespace\": \"ns\", \"metric\": \"cpu\"}"),
        400,
        "INVALID_REQUEST",
        "exactly one of 'bit'");
  }

  @Test
  void bitAndBitsTogetherAre400() {
    assertError(
        server.postJson(
            "/data",
            """
            {"db": "data_both", "namespace": "ns", "metric": "cpu",
             "bit": {"timestamp": 1, "value": 1}, "bits": [{"timestamp": 2, "value": 2}]}
            """),
        400,
        "INVALID_REQUEST",
        "exactly one of 'bit'");
  }

  @Test
  void emptyBatchIs400() {
    assertError(
        server.postJson(
            "/data", "{\"db\": \"d\", \"namespace\": \"ns\", \"metric\": \"cpu\", \"bits\": []}"),
        400,
        "INVALID_REQUEST",
        "field=bits");
  }

  @Test
  void invalidMetricNameIs400NamingIt() {
    assertError(
        server.postJson(
            "/data",
            "{\"db\": \"d\", \"namespace\": \"ns\", \"metric\": \"no spaces\","
                + " \"bit\": {\"timestamp\": 1, \"value\": 1}}"),
        400,
        "INVALID_REQUEST",
        "field=metric");
  }

  @Test
  void bodyWithoutJsonContentTypeIs415() {
    HttpResponse<String> response =
        server.send(
            server
                .request("/data")
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"db\": \"d\", \"namespace\": \"ns\", \"metric\": \"cpu\","
                            + " \"bit\": {\"timestamp\": 1, \"value\": 1}}"))
                .build());

    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
  }

  private static HttpResponse<String> postBit(String bit) {
    return server.postJson(
        "/data",
        "{\"db\": \"data_types\", \"namespace\": \"ns\", \"metric\": \"cpu\", \"bit\": "
            + bit
            + "}");
  }

  private static long lsnOf(List<Map<String, Object>> bits) {
    HttpResponse<String> response =
        server.postJson(
            "/data", Map.of("db", "data_lsn", "namespace", "ns", "metric", "cpu", "bits", bits));
    assertEquals(200, response.statusCode(), response.body());
    return json(response).path("lsn").asLong();
  }
}
