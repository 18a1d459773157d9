package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.await;
import static io.nsdb.ws.stream.StreamTesting.beforePong;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.nextFrame;
import static io.nsdb.ws.stream.StreamTesting.pause;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.subscribe;
import static io.nsdb.ws.stream.StreamTesting.subscribeAndAwait;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket pings to quiet sockets, and the idle timeout of sockets without subscriptions. */
class StreamKeepAliveTest {

  private static final Duration PING_INTERVAL = Duration.ofMillis(200);
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(500);

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder().stream(
                new StreamTesting.Settings()
                    .pingInterval(PING_INTERVAL)
                    .idleTimeout(IDLE_TIMEOUT)
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aQuietSocketIsPinged() {
    String db = "keepalive_ping";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      subscribeAndAwait(client, subscribe(db, "select * from cpu"));
      await("a WebSocket ping", () -> client.pings() > 0);
      await("pings keep coming", () -> client.pings() > 2);
      assertFalse(client.isClosed());
    }
  }

  @Test
  void aSocketWithoutSubscriptionsThatSaysNothingIsClosedWithIdleTimeout() {
    long opened = System.nanoTime();
    try (StreamClient client = StreamClient.open(server, "")) {
      StreamClient.Received close = client.next();
      assertEquals("close", close.json().get("type").asText(), close.json().toString());
      assertEquals(4005, close.json().get("code").asInt(), close.json().toString());
      assertEquals("IDLE_TIMEOUT", close.json().get("name").asText());
      long after = TimeUnit.NANOSECONDS.toMillis(close.arrivedNanos() - opened);
      assertTrue(after >= IDLE_TIMEOUT.toMillis(), "not before the idle timeout: " + after + " ms");
      assertEquals(1000, client.awaitClosed(), "then a normal WebSocket close");
    }
    await("the connection counted as gone", () -> server.openStreamConnections() == 0);
  }

  @Test
  void clientPingsKeepASocketWithoutSubscriptionsOpen() {
    try (StreamClient client = StreamClient.open(server, "")) {
      long end = System.nanoTime() + IDLE_TIMEOUT.multipliedBy(4).toNanos();
      while (System.nanoTime() < end) {
        assertEquals(List.of(), beforePong(client), "only the pong");
        pause(IDLE_TIMEOUT.toMillis() / 5);
      }
      assertFalse(client.isClosed());
    }
  }

  @Test
  void aSocketWithASubscriptionIsNotClosedForBeingQuiet() {
    String db = "keepalive_subscribed";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      String quid = subscribeAndAwait(client, subscribe(db, "select * from cpu")).quid();
      // Quiet for four idle timeouts, as the pings it gets in the meantime show.
      int pings = client.pings();
      await("quiet for four idle timeouts", () -> client.pings() >= pings + 10);
      assertFalse(client.isClosed());
      assertEquals(List.of(), client.drain(), "no close message");

      insert(server, db, point(2, 2, "a"));
      JsonNode frame = nextFrame(client, quid).json();
      assertEquals(List.of(2L), timestamps(frame.get("records")));
    }
  }

  @Test
  void afterItsLastUnsubscribeASocketBecomesIdleAgain() {
    String db = "keepalive_unsubscribed";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      String quid = subscribeAndAwait(client, subscribe(db, "select * from cpu")).quid();
      client.send(Map.of("type", "unsubscribe", "quid", quid));
      assertEquals("unsubscribed", client.nextJson().get("type").asText());
      JsonNode close = client.until("close").json();
      assertEquals(4005, close.get("code").asInt(), close.toString());
      assertEquals(1000, client.awaitClosed());
    }
  }
}
