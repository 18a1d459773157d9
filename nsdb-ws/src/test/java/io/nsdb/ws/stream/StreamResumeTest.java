package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.awaitStats;
import static io.nsdb.ws.stream.StreamTesting.awaitSubscribed;
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
import io.nsdb.core.model.MetricKey;
import io.nsdb.ws.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resuming after a disconnect from the lsn of the last frame taken. The server keeps at most 5
 * writes per metric for resuming, so that leaving the window is quick.
 */
class StreamResumeTest {

  private static final int RESUME_WINDOW = 5;
  private static final String QUERY = "select * from cpu where host = 'a'";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder().stream(
                new StreamTesting.Settings().publisher(16, 10, RESUME_WINDOW).build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Subscribes to {@link #QUERY}, takes the frame of one insert and disconnects; returns that
   * frame's lsn once the server has removed the subscription.
   */
  private static long takeAFrameThenDisconnect(String db) {
    insert(server, db, point(1, 1, "a"));
    long lsn;
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      String quid = subscribeAndAwait(client, subscribe(db, QUERY)).quid();
      insert(server, db, List.of(point(2, 2, "a"), point(3, 3, "b")));
      JsonNode frame = nextFrame(client, quid).json();
      assertEquals(List.of(2L), timestamps(frame.get("records")), frame.toString());
      lsn = frame.get("lsn").asLong();
    }
    MetricKey metric = new MetricKey(db, StreamTesting.NS, StreamTesting.METRIC);
    awaitStats(
        server, "the disconnected subscription removed", s -> !s.indexSizes().containsKey(metric));
    return lsn;
  }

  private static JsonNode resumeFails(String db, long resumeAfter) {
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      client.send(subscribe(db, QUERY, Map.of("resumeAfter", resumeAfter)));
      JsonNode error = client.nextJson();
      assertEquals("error", error.get("type").asText(), error.toString());
      assertEquals("RESUME_UNAVAILABLE", error.get("code").asText(), error.toString());
      assertEquals(db, error.get("db").asText(), error.toString());
      assertEquals("ns", error.get("namespace").asText(), error.toString());
      assertEquals(QUERY, error.get("queryString").asText(), error.toString());
      assertFalse(error.get("reason").asText().isEmpty(), error.toString());
      // Nothing was registered, and the socket still subscribes afresh.
      assertTrue(beforePong(client).isEmpty());
      StreamTesting.Subscription fresh = subscribeAndAwait(client, subscribe(db, QUERY));
      assertFalse(fresh.end().get("resumed").asBoolean());
      return error;
    }
  }

  @Test
  void resumingFromTheLastFrameReplaysExactlyTheMissedPoints() {
    String db = "resume_ok";
    long lsn = takeAFrameThenDisconnect(db);
    // Missed while disconnected: two matching points, one not matching (within the window of 5).
    insert(server, db, List.of(point(4, 4, "a"), point(5, 5, "b")));
    insert(server, db, point(6, 6, "a"));

    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      client.send(subscribe(db, QUERY, Map.of("resumeAfter", lsn)));
      StreamTesting.Subscription resumed = awaitSubscribed(client);
      assertEquals(List.of(), resumed.history(), "no history when resuming");
      assertTrue(resumed.end().get("resumed").asBoolean(), resumed.end().toString());
      assertEquals(2, resumed.end().get("replayed").asInt(), resumed.end().toString());

      List<Long> replayed = new ArrayList<>();
      while (replayed.size() < 2) {
        JsonNode frame = nextFrame(client, resumed.quid()).json();
        assertEquals(0, frame.get("dropped").asLong(), frame.toString());
        replayed.addAll(timestamps(frame.get("records")));
      }
      assertEquals(List.of(4L, 6L), replayed, "the missed matching points, in order, once");
      assertTrue(beforePong(client).isEmpty(), "nothing more");

      // Then the stream goes on.
      insert(server, db, point(7, 7, "a"));
      assertEquals(
          List.of(7L), timestamps(nextFrame(client, resumed.quid()).json().get("records")));
    }
  }

  @Test
  void resumingAQueryAnotherSocketStillHoldsReplaysOnlyToTheResumer() {
    String db = "resume_shared";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient stays = StreamClient.open(server, "refresh_period=100")) {
      String quid = subscribeAndAwait(stays, subscribe(db, QUERY)).quid();
      long lsn;
      try (StreamClient leaves = StreamClient.open(server, "refresh_period=100")) {
        assertEquals(quid, subscribeAndAwait(leaves, subscribe(db, QUERY)).quid());
        insert(server, db, point(2, 2, "a"));
        lsn = nextFrame(leaves, quid).json().get("lsn").asLong();
      }
      awaitStats(server, "one subscription left", s -> s.subscriptions() == 1);
      insert(server, db, List.of(point(3, 3, "a"), point(4, 4, "b"), point(5, 5, "a")));

      try (StreamClient back = StreamClient.open(server, "refresh_period=100")) {
        back.send(subscribe(db, QUERY, Map.of("resumeAfter", lsn)));
        StreamTesting.Subscription resumed = awaitSubscribed(back);
        assertEquals(quid, resumed.quid());
        assertTrue(resumed.end().get("resumed").asBoolean(), resumed.end().toString());
        assertEquals(2, resumed.end().get("replayed").asInt(), resumed.end().toString());
        List<Long> replayed = new ArrayList<>();
        while (replayed.size() < 2) {
          replayed.addAll(timestamps(nextFrame(back, quid).json().get("records")));
        }
        assertEquals(List.of(3L, 5L), replayed);
      }

      // The socket that stayed saw every point once, none replayed to it.
      List<Long> seen = new ArrayList<>();
      while (!seen.contains(5L)) {
        seen.addAll(timestamps(nextFrame(stays, quid).json().get("records")));
      }
      assertEquals(List.of(2L, 3L, 5L), seen);
      assertTrue(beforePong(stays).isEmpty(), "nothing twice");
    }
  }

  @Test
  void resumingWithNothingMissedReplaysNothing() {
    String db = "resume_nothing";
    long lsn = takeAFrameThenDisconnect(db);
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      client.send(subscribe(db, QUERY, Map.of("resumeAfter", lsn)));
      StreamTesting.Subscription resumed = awaitSubscribed(client);
      assertTrue(resumed.end().get("resumed").asBoolean(), resumed.end().toString());
      assertEquals(0, resumed.end().get("replayed").asInt(), resumed.end().toString());
      assertTrue(beforePong(client).isEmpty());
    }
  }

  @Test
  void resumingFromBeforeTheWindowIsResumeUnavailable() {
    String db = "resume_too_old";
    long lsn = takeAFrameThenDisconnect(db);
    List<Map<String, Object>> missed = new ArrayList<>();
    for (int i = 0; i < RESUME_WINDOW * 2; i++) {
      missed.add(point(10 + i, i, "a"));
    }
    insert(server, db, missed);

    JsonNode error = resumeFails(db, lsn);
    assertTrue(error.get("reason").asText().contains("resumeAfter=" + lsn), error.toString());
  }

  @Test
  void resumingFromBeforeTheMetricWasFirstSubscribedIsResumeUnavailable() {
    String db = "resume_far_below";
    takeAFrameThenDisconnect(db);
    // Writes are kept from the first subscription on: nothing before it can be replayed.
    resumeFails(db, 0);
  }

  @Test
  void resumingFromAPointPastTheLastWriteIsResumeUnavailable() {
    String db = "resume_future";
    long lsn = takeAFrameThenDisconnect(db);
    long past = server.publisherStats().lastPublishedLsn() + 1_000;
    assertTrue(past > lsn);
    JsonNode error = resumeFails(db, past);
    assertTrue(error.get("reason").asText().contains("resumeAfter=" + past), error.toString());
  }

  @Test
  void anAggregationResumesWithItsHistoryInstead() {
    String db = "resume_aggregate";
    long lsn = takeAFrameThenDisconnect(db);
    insert(server, db, point(4, 4, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      client.send(subscribe(db, "select count(*) from cpu", Map.of("resumeAfter", lsn)));
      StreamTesting.Subscription subscription = awaitSubscribed(client);
      assertFalse(subscription.end().get("resumed").asBoolean(), subscription.end().toString());
      assertEquals(1, subscription.history().size(), subscription.history().toString());
      assertEquals(4, subscription.history().get(0).get("value").asLong(), "its whole state");
    }
  }
}
