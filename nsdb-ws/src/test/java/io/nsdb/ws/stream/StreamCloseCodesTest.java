package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.assertEveryTimestampOnce;
import static io.nsdb.ws.stream.StreamTesting.await;
import static io.nsdb.ws.stream.StreamTesting.awaitNoSubscriptions;
import static io.nsdb.ws.stream.StreamTesting.awaitSubscribed;
import static io.nsdb.ws.stream.StreamTesting.framesUntilTimestamp;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.subscribe;
import static io.nsdb.ws.stream.StreamTesting.subscribeAndAwait;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every close code the server uses (4001 is reserved: there is no authentication): the {@code
 * close} message naming it comes last, then a normal WebSocket close, or the connection is cut.
 */
class StreamCloseCodesTest {

  private static final int MAX_MESSAGE = 1024;
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder().maxBodyBytes(32L * 1024 * 1024).stream(
                new StreamTesting.Settings()
                    .maxMessageBytes(MAX_MESSAGE)
                    .maxSubscriptionsPerSocket(2)
                    .idleTimeout(IDLE_TIMEOUT)
                    // One frame of a subscription on its way at most; stuck after two periods.
                    .publisher(1, 2, 100_000)
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Reads up to the close message, checks its code and name, and the WebSocket close after it. */
  private static JsonNode assertClosedWith(StreamClient client, int code, String name) {
    JsonNode close = client.until("close").json();
    assertEquals(code, close.get("code").asInt(), close.toString());
    assertEquals(name, close.get("name").asText(), close.toString());
    assertFalse(close.get("reason").asText().isEmpty(), close.toString());
    assertEquals(1000, client.awaitClosed(), "the close message, then a normal close");
    assertEquals(List.of(), client.drain(), "the close message is the last one");
    return close;
  }

  /** A ping message of exactly {@code length} characters. */
  private static String pingOfLength(int length) {
    String prefix = "{\"type\":\"ping\",\"pad\":\"";
    String suffix = "\"}";
    return prefix + "x".repeat(length - prefix.length() - suffix.length()) + suffix;
  }

  @Test
  void aBinaryMessageClosesWithUnsupportedData4000() {
    try (StreamClient client = StreamClient.open(server, "")) {
      client.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      assertClosedWith(client, 4000, "UNSUPPORTED_DATA");
    }
  }

  @Test
  void aMessageOverTheSizeLimitClosesWithMessageTooBig4002() {
    try (StreamClient client = StreamClient.open(server, "")) {
      String atTheLimit = pingOfLength(MAX_MESSAGE);
      assertEquals(MAX_MESSAGE, atTheLimit.length());
      client.send(atTheLimit);
      assertEquals("pong", client.nextJson().get("type").asText(), "the limit itself is allowed");

      client.send(pingOfLength(MAX_MESSAGE + 1));
      JsonNode close = assertClosedWith(client, 4002, "MESSAGE_TOO_BIG");
      assertTrue(close.get("reason").asText().contains("limit=" + MAX_MESSAGE), close.toString());
    }
  }

  @Test
  void aMessageInSeveralFramesCountsWhole() {
    try (StreamClient client = StreamClient.open(server, "")) {
      String atTheLimit = pingOfLength(MAX_MESSAGE);
      client.sendFragments(
          atTheLimit.substring(0, 10), atTheLimit.substring(10, 600), atTheLimit.substring(600));
      assertEquals("pong", client.nextJson().get("type").asText(), "reassembled and answered");

      String over = pingOfLength(MAX_MESSAGE + 1);
      client.sendFragments(over.substring(0, 500), over.substring(500, 1000), over.substring(1000));
      assertClosedWith(client, 4002, "MESSAGE_TOO_BIG");
    }
  }

  @Test
  void aSubscribeOverTheLimitPerSocketClosesWithTooManySubscriptions4003() {
    String db = "close_too_many";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      subscribeAndAwait(client, subscribe(db, "select * from cpu"));
      subscribeAndAwait(client, subscribe(db, "select * from cpu where host = 'a'"));
      client.send(subscribe(db, "select * from cpu where host = 'b'"));
      JsonNode close = assertClosedWith(client, 4003, "TOO_MANY_SUBSCRIPTIONS");
      assertTrue(close.get("reason").asText().contains("limit=2"), close.toString());
    }
    awaitNoSubscriptions(server);
  }

  /**
   * Stops reading on {@code client}, subscribed to all of {@code db}'s cpu, and inserts big batches
   * until the socket's buffers are full and the publisher ends the subscription; returns the
   * timestamp of the last point inserted (timestamps run from 1).
   */
  private static long stallUntilEnded(StreamClient client, String db) {
    String payload = "x".repeat(2048);
    client.stopReading();
    long timestamp = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (server.publisherStats().subscriptions() > 0) {
      assertTrue(System.nanoTime() < deadline, "the subscription of a client not reading stayed");
      List<Map<String, Object>> batch = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        batch.add(
            TestServer.bit(++timestamp, i, Map.of("host", "a", "payload", payload), Map.of()));
      }
      insert(server, db, batch);
    }
    Publisher.Stats stats = server.publisherStats();
    assertEquals(0, stats.subscribers(), stats.toString());
    assertEquals(0, stats.quids(), stats.toString());
    assertEquals(Map.of(), stats.indexSizes());
    return timestamp;
  }

  @Test
  void aClientThatStopsReadingIsEndedAsASlowConsumer4004AndResumesWithoutLoss() {
    String db = "close_slow";
    insert(server, db, point(0, 0, "a"));
    awaitNoSubscriptions(server);
    List<Long> received = new ArrayList<>();
    long lastLsn;
    long last;
    try (StreamClient client =
        StreamClient.open(server, "refresh_period=100&retention_size=100000")) {
      String quid = subscribeAndAwait(client, subscribe(db, "select * from cpu")).quid();
      last = stallUntilEnded(client, db);

      // Reading again, within the server's grace for a closing socket: what was on its way, then
      // why it ends.
      client.resumeReading();
      List<JsonNode> tail = client.collectUntil(m -> !m.path("type").asText().equals("records"));
      lastLsn = tail.size() > 1 ? tail.get(tail.size() - 2).get("lsn").asLong() : -1;
      for (JsonNode frame : tail.subList(0, tail.size() - 1)) {
        assertEquals(0, frame.get("dropped").asLong(), "within retention");
        received.addAll(timestamps(frame.get("records")));
      }
      JsonNode ended = tail.getLast();
      assertEquals("subscriptionClosed", ended.get("type").asText(), ended.toString());
      assertEquals(quid, ended.get("quid").asText(), ended.toString());
      assertEquals("SLOW_CONSUMER", ended.get("code").asText(), ended.toString());
      assertEquals(0, ended.get("droppedTotal").asLong(), "within retention: " + ended);
      JsonNode close = assertClosedWith(client, 4004, "SLOW_CONSUMER");
      assertTrue(close.get("reason").asText().contains(quid), close.toString());
    }
    assertTrue(lastLsn > 0, "some frames were taken");

    // What it did not take is replayed from the lsn of its last frame.
    try (StreamClient client =
        StreamClient.open(server, "refresh_period=100&retention_size=100000")) {
      client.send(subscribe(db, "select * from cpu", Map.of("resumeAfter", lastLsn)));
      StreamTesting.Subscription resumed = awaitSubscribed(client);
      assertTrue(resumed.end().get("resumed").asBoolean(), resumed.end().toString());
      for (JsonNode frame : framesUntilTimestamp(client, resumed.quid(), last)) {
        assertEquals(0, frame.get("dropped").asLong(), "within retention");
        received.addAll(timestamps(frame.get("records")));
      }
    }
    assertEveryTimestampOnce(1, last, received, "taken before the end, then replayed");
  }

  @Test
  void aClientThatNeverReadsAgainIsCutOffAfterTheGrace() {
    String db = "close_stuck";
    insert(server, db, point(0, 0, "a"));
    awaitNoSubscriptions(server);
    try (StreamClient client =
        StreamClient.open(server, "refresh_period=100&retention_size=100000")) {
      subscribeAndAwait(client, subscribe(db, "select * from cpu"));
      stallUntilEnded(client, db);
      // Its last messages cannot get through: the connection is cut rather than kept.
      await("the connection ended on the server", () -> server.openStreamConnections() == 0);

      client.resumeReading();
      int status = client.awaitEnded();
      List<JsonNode> tail = client.drain();
      if (tail.stream().noneMatch(m -> m.path("type").asText().equals("close"))) {
        assertTrue(status != 1000, "a normal close comes after a close message: " + status);
      }
    }
  }

  @Test
  void aSocketWithoutSubscriptionsClosesWithIdleTimeout4005() {
    try (StreamClient client = StreamClient.open(server, "")) {
      long opened = System.nanoTime();
      assertClosedWith(client, 4005, "IDLE_TIMEOUT");
      assertTrue(
          System.nanoTime() - opened >= IDLE_TIMEOUT.toNanos(), "not before the idle timeout");
    }
  }
}
