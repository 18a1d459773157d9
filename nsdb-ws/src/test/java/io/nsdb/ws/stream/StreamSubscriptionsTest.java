package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.METRIC;
import static io.nsdb.ws.stream.StreamTesting.NS;
import static io.nsdb.ws.stream.StreamTesting.awaitNoSubscriptions;
import static io.nsdb.ws.stream.StreamTesting.awaitStats;
import static io.nsdb.ws.stream.StreamTesting.beforePong;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.nextFrame;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.subscribe;
import static io.nsdb.ws.stream.StreamTesting.subscribeAndAwait;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sharing, unsubscribing and the cleanup after a connection ends, seen from the publisher too. */
class StreamSubscriptionsTest {

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
  void twoSocketsWithTheSameQueryShareTheQuidAndReceiveTheSameFrames() {
    String db = "shared_quid";
    awaitNoSubscriptions(server);
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "b")));
    try (StreamClient first = StreamClient.open(server, "refresh_period=100");
        StreamClient second = StreamClient.open(server, "refresh_period=100")) {
      String query = "select * from cpu where value > 1";
      StreamTesting.Subscription one = subscribeAndAwait(first, subscribe(db, query));
      StreamTesting.Subscription two = subscribeAndAwait(second, subscribe(db, query));
      assertEquals(one.quid(), two.quid(), "one quid for the same db, namespace and query");
      assertEquals(one.historyTimestamps(), two.historyTimestamps());
      // The formatter's form decides sameness, not the spelling.
      try (StreamClient third = StreamClient.open(server, "refresh_period=100")) {
        assertEquals(
            one.quid(),
            subscribeAndAwait(third, subscribe(db, "SELECT *   FROM cpu WHERE value > 1")).quid());
      }
      assertEquals(1, server.publisherStats().quids(), "one evaluation for the three");

      for (int round = 0; round < 2; round++) {
        long base = 100 + round * 10L;
        insert(
            server,
            db,
            List.of(point(base, 5, "a"), point(base + 1, 0, "b"), point(base + 2, 7, "c")));
        JsonNode a = nextFrame(first, one.quid()).json();
        JsonNode b = nextFrame(second, two.quid()).json();
        assertEquals(List.of(base, base + 2), timestamps(a.get("records")), a.toString());
        assertEquals(a.get("records"), b.get("records"), "the same records, value for value");
        assertEquals(a.get("lsn"), b.get("lsn"));
        assertEquals(round + 1, a.get("seq").asLong());
        assertEquals(round + 1, b.get("seq").asLong(), "each socket counts its own frames");
      }
    }
  }

  @Test
  void aSubscribeMayNameItsTypeOrLeaveItOutAsNsdbDoes() {
    String db = "subscribe_typed";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      Map<String, Object> typed = new HashMap<>(subscribe(db, "select * from cpu"));
      typed.put("type", "subscribe");
      StreamTesting.Subscription explicit = subscribeAndAwait(client, typed);
      assertEquals(List.of(1L), explicit.historyTimestamps());
      StreamTesting.Subscription implicit =
          subscribeAndAwait(client, subscribe(db, "select * from cpu where value > 0"));
      assertEquals(List.of(1L), implicit.historyTimestamps());
    }
  }

  @Test
  void unsubscribeIsAnsweredRemovesTheSubscriptionAndStopsItsFrames() {
    String db = "unsubscribe";
    awaitNoSubscriptions(server);
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      String quid = subscribeAndAwait(client, subscribe(db, "select * from cpu")).quid();
      // A second subscription on the socket, matching the same inserts, shows when frames go out.
      String control =
          subscribeAndAwait(client, subscribe(db, "select * from cpu where value >= 0")).quid();
      assertNotEquals(quid, control);
      Publisher.Stats before = server.publisherStats();
      assertEquals(1, before.subscribers());
      assertEquals(2, before.subscriptions());
      assertEquals(2, before.quids());

      client.send(Map.of("type", "unsubscribe", "quid", quid));
      JsonNode reply = client.nextJson();
      assertEquals("unsubscribed", reply.get("type").asText(), reply.toString());
      assertEquals(quid, reply.get("quid").asText());
      Publisher.Stats after = server.publisherStats();
      assertEquals(1, after.subscriptions(), after.toString());
      assertEquals(1, after.quids(), after.toString());
      assertEquals(Map.of(new MetricKey(db, NS, METRIC), 1), after.indexSizes());

      insert(server, db, point(2, 2, "a"));
      List<JsonNode> upToControl =
          client.collectUntil(
              json ->
                  "records".equals(json.path("type").asText())
                      && control.equals(json.path("quid").asText()));
      upToControl.addAll(beforePong(client));
      for (JsonNode message : upToControl) {
        assertNotEquals(
            quid, message.path("quid").asText(), "no frame after unsubscribe: " + message);
      }

      client.send(Map.of("type", "unsubscribe", "quid", control));
      assertEquals("unsubscribed", client.until("unsubscribed").json().get("type").asText());
      Publisher.Stats none = server.publisherStats();
      assertEquals(0, none.subscribers(), none.toString());
      assertEquals(0, none.subscriptions(), none.toString());
      assertEquals(0, none.quids(), none.toString());
      assertEquals(Map.of(), none.indexSizes());

      insert(server, db, point(3, 3, "a"));
      assertAfterPublished();
      assertEquals(List.of(), beforePong(client), "no frame of either quid");
    }
  }

  /** Waits until the publisher has seen every write made so far. */
  private static void assertAfterPublished() {
    long last = server.storage().lastLsn();
    awaitStats(server, "the publisher saw lsn " + last, stats -> stats.lastPublishedLsn() >= last);
  }

  @Test
  void unsubscribingAnUnknownQuidIsAnErrorAndTheSocketStaysUsable() {
    String db = "unsubscribe_unknown";
    insert(server, db, point(1, 1, "a"));
    try (StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      client.send(Map.of("type", "unsubscribe", "quid", "no-such-quid"));
      JsonNode error = client.nextJson();
      assertEquals("error", error.get("type").asText(), error.toString());
      assertEquals("UNKNOWN_SUBSCRIPTION", error.get("code").asText(), error.toString());
      assertTrue(error.get("reason").asText().contains("no-such-quid"), error.toString());

      StreamTesting.Subscription subscription =
          subscribeAndAwait(client, subscribe(db, "select * from cpu"));
      assertEquals(List.of(1L), subscription.historyTimestamps());
      // Another socket's quid is not this socket's to end.
      try (StreamClient other = StreamClient.open(server, "refresh_period=100")) {
        other.send(Map.of("type", "unsubscribe", "quid", subscription.quid()));
        assertEquals("UNKNOWN_SUBSCRIPTION", other.nextJson().get("code").asText());
      }
      insert(server, db, point(2, 2, "a"));
      assertEquals(
          List.of(2L), timestamps(nextFrame(client, subscription.quid()).json().get("records")));
    }
  }

  @Test
  void closingEverySocketLeavesNoSubscriptionQuidIndexOrConnectionBehind() {
    String db = "cleanup";
    awaitNoSubscriptions(server);
    insert(server, db, point(1, 1, "a"));
    List<StreamClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        clients.add(StreamClient.open(server, "refresh_period=100"));
      }
      List<String> queries =
          List.of(
              "select * from cpu",
              "select * from cpu where host = 'a'",
              "select count(*) from cpu",
              "select distinct host from cpu");
      // Socket i holds queries 0..i: quid 0 is on four sockets, quid 3 on one.
      for (int i = 0; i < clients.size(); i++) {
        for (int q = 0; q <= i; q++) {
          subscribeAndAwait(clients.get(i), subscribe(db, queries.get(q)));
        }
      }
      Publisher.Stats open = server.publisherStats();
      assertEquals(4, open.subscribers(), open.toString());
      assertEquals(10, open.subscriptions(), open.toString());
      assertEquals(4, open.quids(), open.toString());
      assertEquals(Map.of(new MetricKey(db, NS, METRIC), 4), open.indexSizes());
      assertEquals(4, server.openStreamConnections());

      clients.get(0).abort(); // no close handshake: the TCP connection just goes
      for (int i = 1; i < clients.size(); i++) {
        clients.get(i).close();
      }

      Publisher.Stats closed =
          awaitStats(
              server,
              "every subscription removed",
              stats ->
                  stats.subscribers() == 0
                      && stats.subscriptions() == 0
                      && stats.quids() == 0
                      && stats.indexSizes().isEmpty());
      assertTrue(closed.indexSizes().isEmpty());
      StreamTesting.await(
          "no stream connection left (" + server.openStreamConnections() + ")",
          () -> server.openStreamConnections() == 0);
    } finally {
      clients.forEach(StreamClient::close);
    }
  }
}
