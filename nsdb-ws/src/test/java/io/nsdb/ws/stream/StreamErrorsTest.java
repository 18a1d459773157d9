package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.beforePong;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.nextFrame;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.subscribe;
import static io.nsdb.ws.stream.StreamTesting.subscribeAndAwait;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bad message gets an {@code error} with the HTTP API's code, changes nothing, and leaves the
 * socket usable: a valid subscribe right after it works.
 */
class StreamErrorsTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A socket on {@code db}, whose cpu metric exists with one point. */
  private static StreamClient socketOn(String db) {
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "b")));
    return StreamClient.open(server, "refresh_period=100");
  }

  /** The next message: an error with {@code code}; its reason and message say something. */
  private static JsonNode assertError(StreamClient client, String code) {
    JsonNode error = client.nextJson();
    assertEquals("error", error.path("type").asText(), error.toString());
    assertEquals(code, error.path("code").asText(), error.toString());
    assertFalse(error.path("reason").asText().isEmpty(), error.toString());
    assertEquals(error.path("reason").asText(), error.path("message").asText(), error.toString());
    return error;
  }

  /** A failed subscribe: NSDb's {db, namespace, queryString, reason} plus the code. */
  private static JsonNode assertSubscribeError(
      StreamClient client, String db, String queryString, String code) {
    JsonNode error = assertError(client, code);
    assertEquals(db, error.path("db").asText(), error.toString());
    assertEquals("ns", error.path("namespace").asText(), error.toString());
    assertEquals(queryString, error.path("queryString").asText(), error.toString());
    return error;
  }

  /** Nothing else came, and a valid subscribe on the same socket gets its history and frames. */
  private static void assertStillUsable(StreamClient client, String db) {
    assertEquals(List.of(), beforePong(client), "nothing but the error");
    StreamTesting.Subscription subscription =
        subscribeAndAwait(client, subscribe(db, "select * from cpu where host = 'a'"));
    assertEquals(List.of(1L), subscription.historyTimestamps());
    insert(server, db, List.of(point(3, 3, "a"), point(4, 4, "b")));
    JsonNode frame = nextFrame(client, subscription.quid()).json();
    assertEquals(List.of(3L), timestamps(frame.get("records")), frame.toString());
  }

  private static Map<String, Object> withoutMetric(String db, String queryString) {
    Map<String, Object> message = new HashMap<>(subscribe(db, queryString));
    message.remove("metric");
    return message;
  }

  @Test
  void invalidJsonIsMalformedJson() {
    String db = "errors_json";
    try (StreamClient client = socketOn(db)) {
      client.send("{\"db\": \"" + db + "\", ");
      JsonNode error = assertError(client, "MALFORMED_JSON");
      assertFalse(error.has("queryString"), "not a subscribe: " + error);
      client.send("");
      assertError(client, "MALFORMED_JSON");
      assertStillUsable(client, db);
    }
  }

  @Test
  void aMessageWithoutItsFieldsIsAnInvalidRequest() {
    String db = "errors_fields";
    try (StreamClient client = socketOn(db)) {
      client.send(Map.of("db", db, "namespace", "ns"));
      JsonNode error = assertError(client, "INVALID_REQUEST");
      assertTrue(error.path("reason").asText().contains("queryString"), error.toString());
      client.send(Map.of("type", "unsubscribe"));
      assertError(client, "INVALID_REQUEST");
      assertStillUsable(client, db);
    }
  }

  @Test
  void aDeleteIsNotASelectAndDeletesNothing() {
    String db = "errors_delete";
    try (StreamClient client = socketOn(db)) {
      String delete = "delete from cpu where host = 'a'";
      client.send(subscribe(db, delete));
      assertSubscribeError(client, db, delete, "NOT_A_SELECT");
      assertStillUsable(client, db); // the history still has host a's point
    }
  }

  @Test
  void showMetricsIsNotASelect() {
    String db = "errors_show";
    try (StreamClient client = socketOn(db)) {
      client.send(withoutMetric(db, "show metrics"));
      assertSubscribeError(client, db, "show metrics", "NOT_A_SELECT");
      assertStillUsable(client, db);
    }
  }

  @Test
  void anUnknownMetricIsUnknownMetric() {
    String db = "errors_metric";
    try (StreamClient client = socketOn(db)) {
      client.send(withoutMetric(db, "select * from mem"));
      JsonNode error = assertSubscribeError(client, db, "select * from mem", "UNKNOWN_METRIC");
      assertTrue(error.path("reason").asText().contains("mem"), error.toString());
      // A db that does not exist either.
      client.send(subscribe("errors_no_such_db", "select * from cpu"));
      assertSubscribeError(client, "errors_no_such_db", "select * from cpu", "UNKNOWN_METRIC");
      assertStillUsable(client, db);
    }
  }

  @Test
  void anUnknownColumnIsUnknownColumn() {
    String db = "errors_column";
    try (StreamClient client = socketOn(db)) {
      String query = "select * from cpu where nope = 1";
      client.send(subscribe(db, query));
      JsonNode error = assertSubscribeError(client, db, query, "UNKNOWN_COLUMN");
      assertTrue(error.path("reason").asText().contains("nope"), error.toString());
      assertStillUsable(client, db);
    }
  }

  @Test
  void comparingAStringColumnWithANumberIsTypeMismatch() {
    String db = "errors_type";
    try (StreamClient client = socketOn(db)) {
      String query = "select * from cpu where host > 3";
      client.send(subscribe(db, query));
      JsonNode error = assertSubscribeError(client, db, query, "TYPE_MISMATCH");
      assertTrue(error.path("reason").asText().contains("host"), error.toString());
      assertStillUsable(client, db);
    }
  }

  @Test
  void aSyntaxErrorCarriesItsCodeLineAndColumn() {
    String db = "errors_syntax";
    try (StreamClient client = socketOn(db)) {
      String query = "select *\nform cpu";
      client.send(withoutMetric(db, query));
      JsonNode error = assertSubscribeError(client, db, query, "SYNTAX_ERROR");
      assertEquals(2, error.path("line").asInt(), error.toString());
      assertEquals(1, error.path("column").asInt(), error.toString());
      assertTrue(error.path("reason").asText().contains("line 2:1"), error.toString());
      assertStillUsable(client, db);
    }
  }

  @Test
  void aMessageOfAnUnknownTypeIsUnknownMessageType() {
    String db = "errors_type_field";
    try (StreamClient client = socketOn(db)) {
      client.send(Map.of("type", "frobnicate"));
      JsonNode error = assertError(client, "UNKNOWN_MESSAGE_TYPE");
      assertTrue(error.path("reason").asText().contains("frobnicate"), error.toString());
      assertStillUsable(client, db);
    }
  }

  @Test
  void aMetricFieldOtherThanTheFromIsMetricMismatch() {
    String db = "errors_mismatch";
    try (StreamClient client = socketOn(db)) {
      Map<String, Object> message = new HashMap<>(subscribe(db, "select * from cpu"));
      message.put("metric", "mem");
      client.send(message);
      JsonNode error = assertSubscribeError(client, db, "select * from cpu", "METRIC_MISMATCH");
      assertTrue(error.path("reason").asText().contains("cpu"), error.toString());
      assertStillUsable(client, db);
    }
  }

  @Test
  void aFailedSubscribeGetsTheErrorQueryGivesTheSameRequest() {
    String db = "errors_as_query";
    try (StreamClient client = socketOn(db)) {
      for (String query :
          List.of(
              "select * from cpu where nope = 1",
              "select * from cpu where host > 3",
              "select *\nform cpu",
              "select * from cpu limit 0",
              "select * from cpu since 1h",
              "select host, count(*) from cpu group by interval 1m",
              "delete from cpu where host = 'a'")) {
        JsonNode answer = TestServer.json(server.query(db, "ns", query));
        client.send(withoutMetric(db, query));
        JsonNode error = assertSubscribeError(client, db, query, answer.path("code").asText());
        assertEquals(answer.path("message").asText(), error.path("message").asText(), query);
        assertEquals(answer.path("line"), error.path("line"), query);
        assertEquals(answer.path("column"), error.path("column"), query);
      }
      assertStillUsable(client, db);
    }
  }

  @Test
  void aBadSubscribeRegistersNothing() {
    String db = "errors_nothing_registered";
    try (StreamClient client = socketOn(db)) {
      StreamTesting.awaitNoSubscriptions(server);
      client.send(subscribe(db, "select * from cpu where nope = 1"));
      assertError(client, "UNKNOWN_COLUMN");
      assertEquals(0, server.publisherStats().subscriptions());
      assertEquals(Map.of(), server.publisherStats().indexSizes());
    }
  }
}
