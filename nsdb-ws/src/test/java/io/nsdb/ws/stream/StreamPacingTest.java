package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.assertEveryTimestampOnce;
import static io.nsdb.ws.stream.StreamTesting.awaitNoSubscriptions;
import static io.nsdb.ws.stream.StreamTesting.beforePong;
import static io.nsdb.ws.stream.StreamTesting.framesUntilTimestamp;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.median;
import static io.nsdb.ws.stream.StreamTesting.nextFrame;
import static io.nsdb.ws.stream.StreamTesting.pause;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.subscribe;
import static io.nsdb.ws.stream.StreamTesting.subscribeAndAwait;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frames paced by the client's refresh_period, bounded by its retention_size, per socket. */
class StreamPacingTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    // At most two frames of a subscription on their way to a client; one that leaves them
    // untaken for 10 refresh periods is ended.
    server =
        TestServer.builder().maxBodyBytes(32L * 1024 * 1024).stream(
                new StreamTesting.Settings().publisher(2, 10, 100_000).build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void framesOfASubscriptionComeNoOftenerThanTheRefreshPeriodAskedFor() {
    String db = "pacing_refresh";
    insert(server, db, point(0, 0, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=300")) {
      String quid = subscribeAndAwait(client, subscribe(db, "select * from cpu")).quid();
      // A point every ~20 ms for ~2 s: far more often than the refresh period.
      long last = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < end) {
        insert(server, db, point(++last, last, "a"));
        pause(20);
      }

      List<Long> arrivals = new ArrayList<>();
      List<Long> received = new ArrayList<>();
      long deadline = System.nanoTime() + StreamTesting.WAIT.toNanos();
      while (!received.contains(last) && System.nanoTime() < deadline) {
        StreamClient.Received frame = nextFrame(client, quid);
        arrivals.add(frame.arrivedNanos());
        received.addAll(timestamps(frame.json().get("records")));
        assertEquals(0, frame.json().get("dropped").asLong(), frame.json().toString());
      }
      assertEveryTimestampOnce(1, last, received, "every point");

      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < arrivals.size(); i++) {
        gaps.add(TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1)));
      }
      assertTrue(gaps.size() >= 4, "~2 s of points at 300 ms make several frames: " + gaps);
      // Arrival times carry the delivery's jitter (this JVM runs the server, the client and the
      // writer, on a shared machine): a frame delivered late makes its gap longer and the next
      // one shorter by as much. So each gap is at least the period, less a few milliseconds of
      // slack, unless the frame before it came late, in which case the two gaps together still
      // span two periods. A server sending early would fail both.
      for (int i = 0; i < gaps.size(); i++) {
        long gap = gaps.get(i);
        boolean afterALateFrame = i > 0 && gaps.get(i - 1) + gap >= 2 * 300 - 10;
        assertTrue(
            gap >= 290 || afterALateFrame,
            "frame " + (i + 1) + " came " + gap + " ms after the previous one: " + gaps);
      }
      long span = TimeUnit.NANOSECONDS.toMillis(arrivals.getLast() - arrivals.getFirst());
      assertTrue(span >= (arrivals.size() - 1) * 300L - 10, "on average a period apart: " + gaps);
      assertTrue(median(gaps) < 300 + 150, "frames not much later than the period: " + gaps);
    }
  }

  @Test
  void retentionKeepsTheNewestRecordsAndCountsEveryDropExactly() {
    String db = "pacing_retention";
    insert(server, db, point(0, 0, "b"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100&retention_size=5")) {
      String quid =
          subscribeAndAwait(client, subscribe(db, "select * from cpu where host = 'a'")).quid();
      List<Map<String, Object>> batch = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        batch.add(point(i, i, "a"));
        batch.add(point(i, i, "b")); // not matching: neither kept nor counted
      }
      insert(server, db, batch);

      JsonNode first = nextFrame(client, quid).json();
      assertEquals(
          List.of(16L, 17L, 18L, 19L, 20L), timestamps(first.get("records")), first.toString());
      assertEquals(15, first.get("dropped").asLong(), first.toString());

      insert(server, db, List.of(point(21, 21, "a"), point(22, 22, "a"), point(23, 23, "a")));
      JsonNode second = nextFrame(client, quid).json();
      assertEquals(List.of(21L, 22L, 23L), timestamps(second.get("records")), second.toString());
      assertEquals(0, second.get("dropped").asLong(), second.toString());

      long received = first.get("records").size() + second.get("records").size();
      long dropped = first.get("dropped").asLong() + second.get("dropped").asLong();
      assertEquals(23, received + dropped, "every matching point is either sent or counted");
      assertTrue(beforePong(client).isEmpty(), "and nothing else comes");
    }
  }

  @Test
  void aClientThatStopsReadingDoesNotDelayAnotherSocketsFrames() {
    String db = "pacing_isolation";
    String payload = "x".repeat(2048);
    insert(server, db, point(0, 0, "b"));
    awaitNoSubscriptions(server);
    try (StreamClient slow = StreamClient.open(server, "refresh_period=100&retention_size=100000");
        StreamClient fast = StreamClient.open(server, "refresh_period=100")) {
      subscribeAndAwait(slow, subscribe(db, "select * from cpu where host = 'a'"));
      String quid =
          subscribeAndAwait(fast, subscribe(db, "select * from cpu where host = 'b'")).quid();
      slow.stopReading();

      // Heavy inserts of big records for the slow socket (2 MB a batch, a frame each), each with
      // one small point for the fast socket, until the slow socket's buffers are full and the
      // publisher ends its subscription, and a few more after that.
      List<Long> latencies = new ArrayList<>();
      long timestamp = 1;
      int afterSlowEnded = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (afterSlowEnded < 5) {
        assertTrue(System.nanoTime() < deadline, "the slow subscription did not end: " + latencies);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          batch.add(
              TestServer.bit(timestamp++, i, Map.of("host", "a", "payload", payload), Map.of()));
        }
        long marker = timestamp++;
        batch.add(point(marker, marker, "b"));
        insert(server, db, batch);
        long inserted = System.nanoTime();
        List<JsonNode> frames = framesUntilTimestamp(fast, quid, marker);
        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inserted));
        for (JsonNode frame : frames) {
          assertEquals(List.of(marker), timestamps(frame.get("records")), frame.toString());
          assertEquals(0, frame.get("dropped").asLong(), frame.toString());
        }
        if (afterSlowEnded >= 0 || server.publisherStats().subscriptions() == 1) {
          afterSlowEnded++;
        }
      }
      // The refresh period, a tick, and a generous margin for a loaded machine. A frame may come
      // before its insert's answer (then 0).
      assertTrue(median(latencies) < 100 + 200, "frames within ~a refresh period: " + latencies);
      assertTrue(
          latencies.stream().allMatch(latency -> latency < 100 + 1000),
          "no frame held back by the slow socket: " + latencies);
      Publisher.Stats stats = server.publisherStats();
      assertEquals(
          1, stats.subscriptions(), "only the fast socket's subscription is left: " + stats);
    }
  }
}
