package io.nsdb.ws.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the stream tests share: the messages a client sends, the points it inserts, and waiting for
 * what the server says (never for a fixed time).
 */
final class StreamTesting {

  static final String NS = "ns";
  static final String METRIC = "cpu";

  /** How long a condition may take before the test fails. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private StreamTesting() {}

  /** {@link StreamSettings#defaults()} with some values changed. */
  static final class Settings {
    private Duration pingInterval;
    private Duration idleTimeout;
    private int maxSubscriptionsPerSocket;
    private int maxMessageBytes;
    private int maxConnections;
    private int historyChunkRecords;
    private Publisher.Settings publisher;
    private final StreamSettings defaults = StreamSettings.defaults();

    Settings() {
      pingInterval = defaults.pingInterval();
      idleTimeout = defaults.idleTimeout();
      maxSubscriptionsPerSocket = defaults.maxSubscriptionsPerSocket();
      maxMessageBytes = defaults.maxMessageBytes();
      maxConnections = defaults.maxConnections();
      historyChunkRecords = defaults.historyChunkRecords();
      publisher = defaults.publisher();
    }

    Settings pingInterval(Duration interval) {
      pingInterval = interval;
      return this;
    }

    Settings idleTimeout(Duration timeout) {
      idleTimeout = timeout;
      return this;
    }

    Settings maxSubscriptionsPerSocket(int max) {
      maxSubscriptionsPerSocket = max;
      return this;
    }

    Settings maxMessageBytes(int max) {
      maxMessageBytes = max;
      return this;
    }

    Settings maxConnections(int max) {
      maxConnections = max;
      return this;
    }

    Settings historyChunkRecords(int records) {
      historyChunkRecords = records;
      return this;
    }

    /** The publisher's 10 ms tick and 60 s resume age, with these bounds. */
    Settings publisher(int outboxCapacity, int stuckAfter, int replayCapacity) {
      publisher =
          new Publisher.Settings(
              defaults.publisher().tick(),
              outboxCapacity,
              stuckAfter,
              replayCapacity,
              defaults.publisher().replayAge());
      return this;
    }

    StreamSettings build() {
      return new StreamSettings(
          defaults.refreshPeriod(),
          defaults.retentionSize(),
          defaults.maxRetentionSize(),
          maxSubscriptionsPerSocket,
          maxConnections,
          maxMessageBytes,
          historyChunkRecords,
          defaults.outboxMessages(),
          pingInterval,
          idleTimeout,
          publisher,
          defaults.maxPublisherBacklog());
    }
  }

  /** NSDb's subscribe message for {@code queryString} over {@code db.ns.cpu}. */
  static Map<String, Object> subscribe(String db, String queryString) {
    return subscribe(db, queryString, Map.of());
  }

  /** NSDb's subscribe message with more fields ({@code resumeAfter}, {@code from}, ...). */
  static Map<String, Object> subscribe(String db, String queryString, Map<String, Object> extra) {
    Map<String, Object> message = new HashMap<>();
    message.put("db", db);
    message.put("namespace", NS);
    message.put("metric", METRIC);
    message.put("queryString", queryString);
    message.putAll(extra);
    return message;
  }

  /** A point of cpu whose {@code host} is a dimension. */
  static Map<String, Object> point(long timestamp, double value, String host) {
    return TestServer.bit(timestamp, value, Map.of("host", host), Map.of());
  }

  /** Inserts {@code points} into {@code db.ns.cpu} in one batch. */
  static void insert(TestServer server, String db, List<Map<String, Object>> points) {
    server.insert(db, NS, METRIC, points);
  }

  static void insert(TestServer server, String db, Map<String, Object> point) {
    insert(server, db, List.of(point));
  }

  /** A subscription as the client saw it start: its quid, its history, its historyEnd. */
  record Subscription(String quid, List<JsonNode> history, JsonNode end) {
    List<Long> historyTimestamps() {
      return history.stream().map(record -> record.get("timestamp").asLong()).toList();
    }

    long lsn() {
      return end.get("lsn").asLong();
    }
  }

  /**
   * Reads the next subscription's history messages up to its historyEnd; fails on any other message
   * (an error, say), showing it.
   */
  static Subscription awaitSubscribed(StreamClient client) {
    List<JsonNode> history = new ArrayList<>();
    String quid = null;
    while (true) {
      JsonNode message = client.nextJson();
      String type = message.path("type").asText();
      switch (type) {
        case "history" -> {
          assertTrue(quid == null || quid.equals(message.get("quid").asText()), message.toString());
          quid = message.get("quid").asText();
          message.get("records").forEach(history::add);
        }
        case "historyEnd" -> {
          assertTrue(quid == null || quid.equals(message.get("quid").asText()), message.toString());
          assertEquals(history.size(), message.get("records").asInt(), message.toString());
          return new Subscription(message.get("quid").asText(), history, message);
        }
        default -> throw new AssertionError("expected history, got " + message);
      }
    }
  }

  /** Subscribes and waits for the history. */
  static Subscription subscribeAndAwait(StreamClient client, Map<String, Object> message) {
    client.send(message);
    return awaitSubscribed(client);
  }

  /** The timestamps of a frame's or history's records, in order. */
  static List<Long> timestamps(JsonNode records) {
    List<Long> timestamps = new ArrayList<>();
    records.forEach(record -> timestamps.add(record.get("timestamp").asLong()));
    return timestamps;
  }

  /** The next frame ({@code records} message) of {@code quid}, skipping other messages. */
  static StreamClient.Received nextFrame(StreamClient client, String quid) {
    return client.until(
        json ->
            "records".equals(json.path("type").asText())
                && quid.equals(json.path("quid").asText()));
  }

  /**
   * Frames of {@code quid} until one holds a record of timestamp {@code lastTimestamp}; fails on an
   * error or close message.
   */
  static List<JsonNode> framesUntilTimestamp(StreamClient client, String quid, long lastTimestamp) {
    List<JsonNode> frames = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode message = client.nextJson();
      String type = message.path("type").asText();
      assertFalse(type.equals("error") || type.equals("close"), message.toString());
      if (type.equals("records") && quid.equals(message.get("quid").asText())) {
        frames.add(message);
        if (timestamps(message.get("records")).contains(lastTimestamp)) {
          return frames;
        }
      }
    }
    throw new AssertionError("no frame with timestamp " + lastTimestamp + " within " + WAIT);
  }

  /**
   * Sends a ping and returns what came before the pong: the server answers in order, so anything it
   * had queued for the client arrives first.
   */
  static List<JsonNode> beforePong(StreamClient client) {
    client.send(Map.of("type", "ping"));
    List<JsonNode> before = new ArrayList<>();
    while (true) {
      JsonNode message = client.nextJson();
      if ("pong".equals(message.path("type").asText())) {
        return before;
      }
      before.add(message);
    }
  }

  /** Polls {@code condition} every 10 ms until it holds, failing after 20 s. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      pause(10);
    }
  }

  /** Polls the publisher's stats until {@code wanted} holds; returns them. */
  static Publisher.Stats awaitStats(
      TestServer server, String what, Predicate<Publisher.Stats> wanted) {
    Publisher.Stats[] last = {null};
    Supplier<String> description = () -> what + " (last stats: " + last[0] + ")";
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      last[0] = server.publisherStats();
      if (wanted.test(last[0])) {
        return last[0];
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + description.get());
      }
      pause(10);
    }
  }

  /** Waits until no subscription is left on the server (those of earlier tests ended). */
  static void awaitNoSubscriptions(TestServer server) {
    awaitStats(
        server,
        "no subscription left",
        stats -> stats.subscribers() == 0 && stats.subscriptions() == 0 && stats.quids() == 0);
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * {@code received} is exactly {@code from, from + 1, ..., to}, each once, in order; a failure
   * says where it first differs rather than printing thousands of timestamps.
   */
  static void assertEveryTimestampOnce(long from, long to, List<Long> received, String what) {
    for (int i = 0; i < received.size(); i++) {
      if (received.get(i) != from + i) {
        throw new AssertionError(
            what
                + ": expected "
                + from
                + ".."
                + to
                + " in order, each once; at index "
                + i
                + " got "
                + received.get(i)
                + " (previous "
                + (i > 0 ? received.get(i - 1) : "none")
                + ", next "
                + (i + 1 < received.size() ? received.get(i + 1) : "none")
                + "), "
                + received.size()
                + " received in all");
      }
    }
    assertEquals(to - from + 1, received.size(), what + ": how many received");
  }

  /** The median of {@code values} (not empty). */
  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
