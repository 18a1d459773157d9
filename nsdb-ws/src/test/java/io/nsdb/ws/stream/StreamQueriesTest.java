package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.framesUntilTimestamp;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a subscription streams for each kind of query: projection, DISTINCT, ORDER BY and LIMIT,
 * NSDb's enrichments, and incremental aggregations (GROUP BY a tag, GROUP BY INTERVAL with SINCE,
 * global aggregates).
 */
class StreamQueriesTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    // Histories of more than three records come in several messages.
    server =
        TestServer.builder().stream(new StreamTesting.Settings().historyChunkRecords(3).build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static StreamClient open() {
    return StreamClient.open(server, "refresh_period=100");
  }

  /** A point whose host is a tag, as NSDb groups by tags. */
  private static Map<String, Object> tagged(long timestamp, double value, String host) {
    return TestServer.bit(timestamp, value, Map.of(), Map.of("host", host));
  }

  /** Every record of frames of {@code quid} up to the one holding {@code lastTimestamp}. */
  private static List<JsonNode> recordsUntil(StreamClient client, String quid, long lastTimestamp) {
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode frame : framesUntilTimestamp(client, quid, lastTimestamp)) {
      frame.get("records").forEach(records::add);
    }
    return records;
  }

  // ---------------------------------------------------------------- projection, DISTINCT

  @Test
  void aProjectionStreamsOnlyTheProjectedColumn() {
    String db = "queries_projection";
    insert(
        server,
        db,
        TestServer.bit(1, 1, Map.of("host", "a", "region", "eu"), Map.of("rack", "r1")));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select host from cpu"));
      JsonNode historic = subscription.history().get(0);
      insert(
          server,
          db,
          TestServer.bit(2, 2, Map.of("host", "b", "region", "us"), Map.of("rack", "r2")));
      JsonNode frame = nextFrame(client, subscription.quid()).json();
      assertEquals(1, frame.get("records").size(), frame.toString());
      JsonNode record = frame.get("records").get(0);
      assertEquals(Map.of("host", "b"), fields(record), record.toString());
      assertEquals(Map.of("host", "a"), fields(historic), historic.toString());
      assertEquals(
          fieldNames(historic), fieldNames(record), "a live record is shaped as the history's");
    }
  }

  /** A record's dimensions and tags together. */
  private static Map<String, String> fields(JsonNode record) {
    Map<String, String> fields = new TreeMap<>();
    record
        .path("dimensions")
        .properties()
        .forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    record.path("tags").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    return fields;
  }

  private static List<String> fieldNames(JsonNode record) {
    List<String> names = new ArrayList<>();
    record.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aDistinctValueIsStreamedOnceTheFirstTimeItIsSeen() {
    String db = "queries_distinct";
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "b"), point(3, 3, "a")));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select distinct host from cpu"));
      assertEquals(List.of("a", "b"), hosts(subscription.history()).stream().sorted().toList());

      insert(server, db, List.of(point(4, 4, "a"), point(5, 5, "c"), point(6, 6, "c")));
      insert(server, db, List.of(point(7, 7, "b"), point(8, 8, "d"), point(9, 9, "d")));
      List<JsonNode> records = new ArrayList<>();
      while (!hosts(records).contains("d")) {
        nextFrame(client, subscription.quid()).json().get("records").forEach(records::add);
      }
      assertEquals(List.of("c", "d"), hosts(records), "new values only, each once, in order");
      assertEquals(List.of(), StreamTesting.beforePong(client));
    }
  }

  private static List<String> hosts(List<JsonNode> records) {
    return records.stream().map(record -> fields(record).get("host")).toList();
  }

  @Test
  void orderByAndLimitShapeTheHistoryOnly() {
    String db = "queries_order_limit";
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "a"), point(3, 3, "a")));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(
              client, subscribe(db, "select * from cpu order by timestamp desc limit 2"));
      assertEquals(List.of(3L, 2L), subscription.historyTimestamps());
      insert(server, db, List.of(point(10, 1, "a"), point(5, 1, "a"), point(7, 1, "a")));
      List<JsonNode> records = recordsUntil(client, subscription.quid(), 7);
      assertEquals(
          List.of(10L, 5L, 7L),
          records.stream().map(r -> r.get("timestamp").asLong()).toList(),
          "live records in insertion order, all of them");
    }
  }

  @Test
  void fromToAndFiltersFilterTheLiveRecordsToo() {
    String db = "queries_enrichments";
    insert(server, db, List.of(point(10, 1, "a"), point(20, 2, "b"), point(30, 3, "a")));
    try (StreamClient client = open()) {
      Map<String, Object> message =
          subscribe(
              db,
              "select * from cpu",
              Map.of(
                  "from", 15,
                  "to", 100,
                  "filters", List.of(Map.of("dimension", "host", "value", "a", "operator", "="))));
      StreamTesting.Subscription subscription = subscribeAndAwait(client, message);
      assertEquals(List.of(30L), subscription.historyTimestamps());
      insert(
          server,
          db,
          List.of(
              point(12, 1, "a"), // before from
              point(40, 1, "b"), // filtered out
              point(200, 1, "a"), // after to
              point(50, 1, "a")));
      List<JsonNode> records = recordsUntil(client, subscription.quid(), 50);
      assertEquals(List.of(50L), records.stream().map(r -> r.get("timestamp").asLong()).toList());
    }
  }

  @Test
  void aLongHistoryComesInChunksThenOneHistoryEnd() {
    String db = "queries_chunks";
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      points.add(point(i, i, "a"));
    }
    insert(server, db, points);
    try (StreamClient client = open()) {
      client.send(subscribe(db, "select * from cpu order by timestamp"));
      List<JsonNode> messages =
          client.collectUntil(m -> m.path("type").asText().equals("historyEnd"));
      List<Integer> sizes = new ArrayList<>();
      List<Long> history = new ArrayList<>();
      for (JsonNode message : messages.subList(0, messages.size() - 1)) {
        assertEquals("history", message.get("type").asText(), message.toString());
        assertEquals(db, message.get("db").asText());
        assertEquals("cpu", message.get("metric").asText());
        sizes.add(message.get("records").size());
        history.addAll(timestamps(message.get("records")));
      }
      assertEquals(List.of(3, 3, 1), sizes);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), history, "in order, each once");
      assertEquals(7, messages.getLast().get("records").asInt(), messages.getLast().toString());
    }
  }

  @Test
  void nowInTheWhereIsReadAtEachInsert() {
    String db = "queries_now";
    insert(server, db, point(System.currentTimeMillis() - 60_000, 1, "a"));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select * from cpu where timestamp > now - 10s"));
      assertEquals(List.of(), subscription.history());
      long old = System.currentTimeMillis() - 30_000;
      long recent = System.currentTimeMillis() - 1_000;
      insert(server, db, List.of(point(old, 1, "a"), point(recent, 2, "a")));
      List<JsonNode> records = recordsUntil(client, subscription.quid(), recent);
      assertEquals(
          List.of(recent), records.stream().map(r -> r.get("timestamp").asLong()).toList());
    }
  }

  // ---------------------------------------------------------------- aggregations

  @Test
  void groupByATagStreamsOnlyTheChangedGroupsLatestRow() {
    String db = "queries_group_by";
    insert(server, db, List.of(tagged(1, 1, "a"), tagged(2, 2, "a"), tagged(3, 3, "b")));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select count(*) from cpu group by host"));
      Map<String, Long> history = new TreeMap<>();
      subscription.history().forEach(row -> history.put(host(row), row.get("value").asLong()));
      assertEquals(Map.of("a", 2L, "b", 1L), history, subscription.history().toString());

      insert(server, db, tagged(4, 4, "a"));
      JsonNode frame = nextFrame(client, subscription.quid()).json();
      assertEquals(1, frame.get("records").size(), "only group a changed: " + frame);
      JsonNode row = frame.get("records").get(0);
      assertEquals("a", host(row), row.toString());
      assertEquals(3, row.get("value").asLong(), "the group's latest count: " + row);

      insert(server, db, List.of(tagged(5, 5, "c"), tagged(6, 6, "c"), tagged(7, 7, "b")));
      Map<String, Long> changed = new TreeMap<>();
      nextFrame(client, subscription.quid())
          .json()
          .get("records")
          .forEach(r -> changed.put(host(r), r.get("value").asLong()));
      assertEquals(Map.of("b", 2L, "c", 2L), changed, "one row per changed group, whole");
    }
  }

  @Test
  void groupByADimensionWorksAsByATag() {
    String db = "queries_group_by_dimension";
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "b")));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select sum(value) from cpu group by host"));
      assertEquals(2, subscription.history().size(), subscription.history().toString());
      insert(server, db, point(3, 5, "b"));
      JsonNode frame = nextFrame(client, subscription.quid()).json();
      assertEquals(1, frame.get("records").size(), frame.toString());
      JsonNode row = frame.get("records").get(0);
      assertEquals("b", host(row), row.toString());
      assertEquals(7, row.get("value").asDouble(), row.toString());
    }
  }

  private static String host(JsonNode row) {
    return fields(row).get("host");
  }

  @Test
  void groupByIntervalUpdatesABucketWithinSinceAndCountsLaterPointsAsLate() {
    String db = "queries_interval";
    long now = System.currentTimeMillis();
    // A bucket that ended a couple of seconds ago: well within the 30 s grace.
    long oldBucket = (now - 3_000) / 1_000 * 1_000;
    insert(server, db, point(oldBucket + 100, 1, "a"));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(
              client, subscribe(db, "select sum(value) from cpu group by interval 1s since 30s"));
      // As /query answers: the buckets from now - 30 s (SINCE) to the data's last, empty ones null.
      for (JsonNode bucket : subscription.history()) {
        if (bucket.get("timestamp").asLong() == oldBucket) {
          assertEquals(1.0, bucket.get("value").asDouble(), bucket.toString());
        } else {
          assertTrue(bucket.get("value").isNull(), bucket.toString());
        }
      }
      assertEquals(oldBucket, subscription.history().getLast().get("timestamp").asLong());

      insert(server, db, point(oldBucket + 300, 2, "a"));
      JsonNode updated = nextFrame(client, subscription.quid()).json();
      assertEquals(List.of(oldBucket), timestamps(updated.get("records")), updated.toString());
      assertEquals(3, updated.get("records").get(0).get("value").asDouble(), updated.toString());
      assertEquals(0, updated.get("lateIgnored").asLong(), updated.toString());

      // Ended a minute ago, past the grace: counted, ignored.
      long tooLate = System.currentTimeMillis() - 60_000;
      insert(server, db, point(tooLate, 100, "a"));
      long fresh = System.currentTimeMillis();
      insert(server, db, point(fresh, 5, "a"));
      JsonNode frame = nextFrame(client, subscription.quid()).json();
      assertEquals(
          List.of(fresh / 1_000 * 1_000),
          timestamps(frame.get("records")),
          "only the fresh point's bucket: " + frame);
      assertEquals(5, frame.get("records").get(0).get("value").asDouble(), frame.toString());
      assertEquals(1, frame.get("lateIgnored").asLong(), frame.toString());

      // The old bucket is as it was: 3, the late point in no bucket.
      insert(server, db, point(oldBucket + 500, 4, "a"));
      JsonNode again = nextFrame(client, subscription.quid()).json();
      assertEquals(List.of(oldBucket), timestamps(again.get("records")), again.toString());
      assertEquals(7, again.get("records").get(0).get("value").asDouble(), again.toString());
      assertEquals(1, again.get("lateIgnored").asLong(), "over the query's life: " + again);
    }
  }

  @Test
  void aGlobalCountDistinctUpdatesLive() {
    String db = "queries_count_distinct";
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "b"), point(3, 3, "a")));
    try (StreamClient client = open()) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select count(distinct host) from cpu"));
      assertEquals(1, subscription.history().size(), subscription.history().toString());
      assertEquals(2, subscription.history().get(0).get("value").asLong());

      insert(server, db, point(4, 4, "c"));
      JsonNode frame = nextFrame(client, subscription.quid()).json();
      assertEquals(1, frame.get("records").size(), frame.toString());
      assertEquals(3, frame.get("records").get(0).get("value").asLong(), frame.toString());

      insert(server, db, List.of(point(5, 5, "d"), point(6, 6, "e"), point(7, 7, "a")));
      JsonNode latest = nextFrame(client, subscription.quid()).json();
      assertEquals(1, latest.get("records").size(), "one row: the latest state: " + latest);
      assertEquals(5, latest.get("records").get(0).get("value").asLong(), latest.toString());
    }
  }

  @Test
  void aggregatedRowsAreNeverDroppedByRetention() {
    String db = "queries_aggregate_retention";
    insert(server, db, tagged(0, 0, "h0"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100&retention_size=2")) {
      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select count(*) from cpu group by host"));
      List<Map<String, Object>> batch = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        batch.add(tagged(i, i, "h" + i % 5));
      }
      insert(server, db, batch);
      JsonNode frame = nextFrame(client, subscription.quid()).json();
      Map<String, Long> groups = new TreeMap<>();
      frame.get("records").forEach(r -> groups.put(host(r), r.get("value").asLong()));
      assertEquals(
          Map.of("h0", 3L, "h1", 2L, "h2", 2L, "h3", 2L, "h4", 2L),
          groups,
          "every changed group's latest row, beyond retention: " + frame);
      assertEquals(0, frame.get("dropped").asLong(), frame.toString());
      assertFalse(frame.get("records").size() <= 2);
      assertTrue(StreamTesting.beforePong(client).isEmpty());
    }
  }
}
