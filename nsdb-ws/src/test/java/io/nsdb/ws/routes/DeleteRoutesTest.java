package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.bit;
import static io.nsdb.ws.testing.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /delete: a SQL DELETE removes exactly the points its WHERE matches and answers how many;
 * every way the request can be wrong is its own error, and a failing delete changes nothing.
 */
class DeleteRoutesTest {

  private static TestServer server;
  private static int databases;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A database of its own with cpu: hosts a, b, a, c at timestamps 10, 20, 30, 40. */
  private static String freshDb() {
    String db = "delete_db" + ++databases;
    server.insert(
        db,
        "ns",
        "cpu",
        List.of(
            bit(10, 1, Map.of("host", "a", "cores", 2), Map.of("region", "eu")),
            bit(20, 2, Map.of("host", "b", "cores", 4), Map.of("region", "us")),
            bit(30, 3, Map.of("host", "a", "cores", 8), Map.of("region", "eu")),
            bit(40, 4, Map.of("host", "c"), Map.of("region", "us"))));
    return db;
  }

  @Test
  void deletesExactlyTheMatchingPointsAndAnswersTheirCount() {
    String db = freshDb();

    HttpResponse<String> response = delete(db, "delete from cpu where host = 'a'");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals(2, json(response).path("deleted").asLong(), response.body());
    assertEquals(List.of(20L, 40L), timestamps(db));
  }

  @Test
  void conditionsOnTimeValueAndColumnsCombine() {
    String db = freshDb();

    assertEquals(2, deleted(delete(db, "DELETE FROM cpu WHERE timestamp < 20 OR value = 4")));
    assertEquals(List.of(20L, 30L), timestamps(db));
    assertEquals(1, deleted(delete(db, "delete from cpu\nwhere region = 'us' and cores >= 4")));
    assertEquals(List.of(30L), timestamps(db));
  }

  @Test
  void aDeleteMatchingNothingAnswersZeroAndADeleteRepeatedDeletesNothingMore() {
    String db = freshDb();

    assertEquals(0, deleted(delete(db, "delete from cpu where host = 'z'")));
    assertEquals(1, deleted(delete(db, "delete from cpu where host = 'b'")));
    assertEquals(0, deleted(delete(db, "delete from cpu where host = 'b'")));
    assertEquals(List.of(10L, 30L, 40L), timestamps(db));
  }

  @Test
  void deletingEveryPointKeepsTheMetricAndItsSchema() {
    String db = freshDb();

    assertEquals(4, deleted(delete(db, "delete from cpu where timestamp >= 0")));
    assertEquals(List.of(), timestamps(db));
    assertEquals(200, server.get("/commands/" + db + "/ns/cpu").statusCode());
  }

  @Test
  void aBodyMetricMustBeTheStatementsFrom() {
    String db = freshDb();

    assertEquals(
        2, deleted(post(body(db, "delete from cpu where host = 'a'", Map.of("metric", "cpu")))));
    assertError(
        post(body(db, "delete from cpu where host = 'b'", Map.of("metric", "mem"))),
        400,
        "METRIC_MISMATCH",
        "metric=mem, from=cpu");
    assertEquals(List.of(20L, 40L), timestamps(db));
  }

  @Test
  void onlyDeletesRun() {
    String db = freshDb();

    assertError(delete(db, "select * from cpu"), 400, "NOT_A_DELETE", "[statement=SELECT]");
    assertError(delete(db, "drop metric cpu"), 400, "NOT_A_DELETE", "[statement=DROPMETRIC]");
    assertEquals(List.of(10L, 20L, 30L, 40L), timestamps(db), "the metric was not dropped");
  }

  @Test
  void aDeleteWithoutWhereIsASyntaxError() {
    String db = freshDb();

    JsonNode error = assertError(delete(db, "delete from cpu"), 400, "SYNTAX_ERROR", "WHERE");
    assertEquals(1, error.path("line").asInt(), error.toString());
    assertEquals(16, error.path("column").asInt(), error.toString());
    assertEquals(List.of(10L, 20L, 30L, 40L), timestamps(db));
  }

  @Test
  void unknownMetricIs404() {
    String db = freshDb();

    assertError(delete(db, "delete from mem where host = 'a'"), 404, "UNKNOWN_METRIC", "mem");
    assertError(
        delete("delete_nodb", "delete from cpu where host = 'a'"), 404, "UNKNOWN_METRIC", "cpu");
  }

  @Test
  void unknownColumnAndTypeMismatchAre400WithLineAndColumnAndChangeNothing() {
    String db = freshDb();

    JsonNode unknown =
        assertError(
            delete(db, "delete from cpu where host = 'a' or hots = 'b'"),
            400,
            "UNKNOWN_COLUMN",
            "column=hots");
    assertEquals(1, unknown.path("line").asInt(), unknown.toString());
    assertEquals(37, unknown.path("column").asInt(), unknown.toString());
    JsonNode mismatch =
        assertError(
            delete(db, "delete from cpu\nwhere host = 'a' or cores = 'eight'"),
            400,
            "TYPE_MISMATCH",
            "cores");
    assertEquals(2, mismatch.path("line").asInt(), mismatch.toString());
    assertEquals(List.of(10L, 20L, 30L, 40L), timestamps(db));
  }

  @Test
  void malformedRequestsAre400AndChangeNothing() {
    String db = freshDb();

    assertError(
        post(Map.of("db", db, "namespace", "ns")), 400, "INVALID_REQUEST", "field=queryString");
    assertError(delete(db, "delete from cpu wher host = 'a'"), 400, "SYNTAX_ERROR", "line 1:17:");
    for (String field : List.of("from", "to", "filters")) {
      assertError(
          post(body(db, "delete from cpu where host = 'a'", Map.of(field, List.of()))),
          400,
          "INVALID_REQUEST",
          "field=" + field);
    }
    assertError(server.postJson("/delete", "{\"db\": "), 400, "MALFORMED_JSON", "");
    assertEquals(
        415,
        server
            .send(
                server
                    .request("/delete")
                    .header("Content-Type", "text/plain")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            TestServer.write(
                                body(db, "delete from cpu where host = 'a'", Map.of()))))
                    .build())
            .statusCode());
    assertError(server.get("/delete"), 405, "METHOD_NOT_ALLOWED", "allowed=POST");
    assertEquals(List.of(10L, 20L, 30L, 40L), timestamps(db));
  }

  @Test
  void anAggregateSubscriptionEndsWithStreamInvalidatedWhenPointsAreDeleted() throws Exception {
    String db = freshDb();
    String query = URLEncoder.encode("select count(*) from cpu", StandardCharsets.UTF_8);
    HttpResponse<InputStream> stream =
        server
            .client()
            .send(
                server.request("/stream?db=" + db + "&namespace=ns&query=" + query).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, stream.statusCode());
    LinkedBlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(TestServer.read(line));
                }
              } catch (IOException e) {
                // closed by the test
              }
            },
            "delete-stream-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      until(lines, "historyEnd");

      assertEquals(2, deleted(delete(db, "delete from cpu where host = 'a'")));

      JsonNode closed = until(lines, "subscriptionClosed");
      assertEquals("STREAM_INVALIDATED", closed.path("code").asText(), closed.toString());
    } finally {
      stream.body().close();
    }
  }

  private static JsonNode until(LinkedBlockingQueue<JsonNode> lines, String type)
      throws InterruptedException {
    while (true) {
      JsonNode line = lines.poll(20, TimeUnit.SECONDS);
      assertNotNull(line, "no " + type + " line within 20 s");
      if (type.equals(line.path("type").asText())) {
        return line;
      }
    }
  }

  private static Map<String, Object> body(String db, String sql, Map<String, ?> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("db", db);
    body.put("namespace", "ns");
    body.put("queryString", sql);
    body.putAll(extra);
    return body;
  }

  private static HttpResponse<String> post(Map<String, ?> body) {
    return server.postJson("/delete", body);
  }

  private static HttpResponse<String> delete(String db, String sql) {
    return post(body(db, sql, Map.of()));
  }

  private static long deleted(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    JsonNode deleted = json(response).path("deleted");
    assertTrue(deleted.isIntegralNumber(), response.body());
    return deleted.asLong();
  }

  /** The timestamps of cpu's points, in order, as /query shows them. */
  private static List<Long> timestamps(String db) {
    List<Long> timestamps = new ArrayList<>();
    for (JsonNode row :
        records(server.query(db, "ns", "select * from cpu order by timestamp limit 100"))) {
      timestamps.add(row.path("timestamp").asLong());
    }
    return timestamps;
  }
}
