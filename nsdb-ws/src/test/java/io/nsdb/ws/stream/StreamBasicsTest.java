package io.nsdb.ws.stream;

import static io.nsdb.ws.testing.TestServer.bit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subscription life cycle over a real server and a real WebSocket client. */
class StreamBasicsTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, Object> subscribe(String db, String queryString) {
    return Map.of("db", db, "namespace", "ns", "metric", "cpu", "queryString", queryString);
  }

  @Test
  void historyComesFirstThenEveryNewMatchingPoint() {
    String db = "history_then_live";
    server.insert(
        db,
        "ns",
        "cpu",
        List.of(
            bit(1000, 1.0, Map.of("host", "a"), Map.of()),
            bit(2000, 2.0, Map.of("host", "b"), Map.of())));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      client.send(subscribe(db, "select * from cpu where host = 'a'"));
      JsonNode history = client.nextJson();
      assertEquals("history", history.get("type").asText(), history.toString());
      String quid = history.get("quid").asText();
      assertEquals("select * from cpu where host = 'a'", history.get("queryString").asText());
      assertEquals(1, history.get("records").size());
      assertEquals(1.0, history.get("records").get(0).get("value").asDouble());
      JsonNode end = client.nextJson();
      assertEquals("historyEnd", end.get("type").asText());
      assertEquals(quid, end.get("quid").asText());

      server.insert(
          db,
          "ns",
          "cpu",
          List.of(
              bit(3000, 3.0, Map.of("host", "a"), Map.of()),
              bit(3000, 4.0, Map.of("host", "b"), Map.of())));
      JsonNode frame = client.until("records").json();
      assertEquals(quid, frame.get("quid").asText());
      assertEquals("cpu", frame.get("metric").asText());
      assertEquals(1, frame.get("records").size(), frame.toString());
      assertEquals(3.0, frame.get("records").get(0).get("value").asDouble());
      assertEquals(3000, frame.get("records").get(0).get("timestamp").asLong());
      assertEquals(1, frame.get("seq").asLong());
      assertEquals(0, frame.get("dropped").asLong());
      assertTrue(frame.get("lsn").asLong() > end.get("lsn").asLong());
    }
  }

  @Test
  void subscribesSentBackToBackAreEachAnsweredWithTheirOwnQuery() {
    String db = "back_to_back";
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      points.add(bit(1000 + i, (double) i, Map.of("host", "h" + i), Map.of()));
    }
    server.insert(db, "ns", "cpu", points);
    try (StreamClient client = StreamClient.open(server, "")) {
      for (int i = 0; i < 5; i++) {
        client.send(subscribe(db, "select * from cpu where host = 'h" + i + "'"));
      }
      Set<String> queries = new HashSet<>();
      for (int answered = 0; answered < 5; ) {
        JsonNode message = client.nextJson();
        if (!"history".equals(message.get("type").asText())) {
          continue;
        }
        answered++;
        String query = message.get("queryString").asText();
        String host = message.get("records").get(0).get("dimensions").get("host").asText();
        assertEquals("select * from cpu where host = '" + host + "'", query, message.toString());
        queries.add(query);
      }
      assertEquals(5, queries.size(), "every subscribe answered once, with its own history");
    }
  }
}
