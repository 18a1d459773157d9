package io.nsdb.bench.streamload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@code /ws-stream} connection of the harness, subscribed to hosts {@code first .. first +
 * count - 1}: sends the subscribes, then reads every message, stamping each with {@link
 * System#nanoTime} when its last fragment arrives, before parsing.
 *
 * <p>For a frame it checks the frame sequence of the quid (no gap), adds {@code dropped} to the
 * subscription's count, and for each record (whose value is the point's sequence number) checks
 * that it is of this subscription's host, then writes its arrival in the {@link Ledger}, or counts
 * a duplicate if it arrived before. The JDK delivers one socket's messages one at a time; the lock
 * taken per message is uncontended and only publishes the writes to {@link #settle}.
 */
final class StreamSocket implements WebSocket.Listener {

  private static final JsonFactory JSON = new JsonFactory();

  /** What should not happen, counted over every socket; each should stay 0. */
  enum Anomaly {
    DUPLICATE_RECORD,
    WRONG_HOST_RECORD,
    FRAME_SEQ_GAP,
    FRAME_OF_UNKNOWN_QUID,
    HISTORY_RECORD,
    SOCKET_CLOSED,
    ERROR
  }

  /** What every socket of the run shares: the ledger, the subscribe latch, running counts. */
  static final class Shared {
    final Ledger ledger;
    final CountDownLatch subscribed;
    final LongAdder frames = new LongAdder();
    final LongAdder records = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder messageChars = new LongAdder();
    final EnumMap<Anomaly, LongAdder> anomalies = new EnumMap<>(Anomaly.class);
    final AtomicReference<String> firstError = new AtomicReference<>();
    volatile long lastFrameNanos;

    Shared(Ledger ledger, int subscriptions) {
      this.ledger = ledger;
      this.subscribed = new CountDownLatch(subscriptions);
      for (Anomaly anomaly : Anomaly.values()) {
        anomalies.put(anomaly, new LongAdder());
      }
    }

    void count(Anomaly anomaly) {
      anomalies.get(anomaly).increment();
    }

    /** The anomalies by name, those that happened and those that did not. */
    Map<String, Long> anomalies() {
      Map<String, Long> counts = new LinkedHashMap<>();
      anomalies.forEach((anomaly, count) -> counts.put(anomaly.name().toLowerCase(), count.sum()));
      return counts;
    }
  }

  private final int first;
  private final Ledger ledger;
  private final Shared shared;
  private final Subscription[] subscriptions;
  private final Map<String, Subscription> byQuid = new HashMap<>();
  private final StringBuilder partial = new StringBuilder();

  // Scratch for one message's records.
  private long[] values = new long[64];
  private int[] hosts = new int[64];

  private WebSocket socket;
  private int nextSubscription;

  StreamSocket(int first, int count, Shared shared) {
    this.first = first;
    this.shared = shared;
    this.ledger = shared.ledger;
    this.subscriptions = new Subscription[count];
    for (int i = 0; i < count; i++) {
      subscriptions[i] = new Subscription(first + i);
    }
  }

  /** The subscribe message of host {@code host}. */
  static String subscribeMessage(int host) {
    String query = "select * from " + PacedWriters.METRIC + " where host = 'h" + host + "'";
    return "{\"db\":\""
        + PacedWriters.DB
        + "\",\"namespace\":\""
        + PacedWriters.NAMESPACE
        + "\",\"queryString\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(query))
        + "\"}";
  }

  /**
   * Sends the first subscribe; each next one goes once the previous one is answered ({@code
   * historyEnd} or an error). The server labels a history with the query of the subscribe it
   * handled last, so subscribes pipelined on one socket would get each other's query strings.
   */
  CompletableFuture<WebSocket> subscribeAll(WebSocket ws) {
    synchronized (this) {
      this.socket = ws;
      return subscribeNext();
    }
  }

  private CompletableFuture<WebSocket> subscribeNext() {
    if (nextSubscription == subscriptions.length) {
      return CompletableFuture.completedFuture(socket);
    }
    int host = subscriptions[nextSubscription++].host;
    CompletableFuture<WebSocket> sent = socket.sendText(subscribeMessage(host), true);
    sent.exceptionally(
        e -> {
          synchronized (this) {
            error("subscribe not sent [host=h" + host + "]: " + e);
          }
          return null;
        });
    return sent;
  }

  Subscription[] subscriptions() {
    return subscriptions;
  }

  synchronized WebSocket webSocket() {
    return socket;
  }

  /** Takes this socket's lock once, so that every write made under it is seen by the caller. */
  synchronized void settle() {
    // Only the lock matters.
  }

  // onOpen: the default asks for one message, and the socket is set by subscribeAll.

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (last) {
      long arrival = System.nanoTime(); // before anything else is done with the message
      String whole = partial.isEmpty() ? data.toString() : partial.append(data).toString();
      partial.setLength(0);
      receive(whole, arrival);
    } else {
      partial.append(data);
    }
    webSocket.request(1);
    return null;
  }

  private synchronized void receive(String text, long arrival) {
    try {
      onMessage(text, arrival);
    } catch (IOException | RuntimeException e) {
      error("unreadable message: " + e + ": " + abbreviate(text));
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    shared.count(Anomaly.SOCKET_CLOSED);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    shared.count(Anomaly.SOCKET_CLOSED);
    error("socket failed: " + error);
  }

  private void onMessage(String text, long arrival) throws IOException {
    shared.messageChars.add(text.length());
    String type = null;
    String quid = null;
    String query = null;
    String reason = null;
    long dropped = 0;
    long frameSeq = -1;
    long droppedTotal = -1;
    int count = 0;
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "type" -> type = parser.getText();
          case "quid" -> quid = parser.getText();
          case "queryString" -> query = parser.getText();
          case "reason" -> reason = parser.getText();
          case "dropped" -> dropped = parser.getLongValue();
          case "seq" -> frameSeq = parser.getLongValue();
          case "droppedTotal" -> droppedTotal = parser.getLongValue();
          case "records" -> {
            if (value == JsonToken.START_ARRAY) {
              count = readRecords(parser);
            }
          }
          default -> parser.skipChildren();
        }
      }
    }
    switch (type == null ? "" : type) {
      case "records" -> onFrame(quid, frameSeq, dropped, count, arrival);
      case "history" -> onHistory(quid, query, count);
      case "historyEnd" -> onHistoryEnd(quid);
      case "subscriptionClosed" -> {
        Subscription subscription = byQuid.get(quid);
        if (subscription != null) {
          subscription.closedDroppedTotal = droppedTotal;
        }
        error("subscription closed: " + abbreviate(text));
      }
      case "close" -> {
        error("closed by the server: " + abbreviate(text));
      }
      case "error" -> {
        error("error: " + abbreviate(text));
        // A failed subscribe never gets its historyEnd: do not make the harness wait for it.
        if (query != null) {
          shared.subscribed.countDown();
          subscribeNext();
        }
      }
      case "pong", "ping" -> {}
      default -> error("unexpected message: " + abbreviate(text) + " " + reason);
    }
  }

  private int readRecords(JsonParser parser) throws IOException {
    int count = 0;
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      long value = -1;
      int host = -1;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("value")) {
          value = parser.getValueAsLong(-1);
        } else if (name.equals("tags")) {
          host = readHost(parser);
        } else {
          parser.skipChildren();
        }
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
        hosts = Arrays.copyOf(hosts, count * 2);
      }
      values[count] = value;
      hosts[count] = host;
      count++;
    }
    return count;
  }

  /** The number of a {@code tags} object's {@code host} ({@code h123} → 123), else -1. */
  private static int readHost(JsonParser parser) throws IOException {
    int host = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("host")) {
        String text = parser.getText();
        try {
          host = text.startsWith("h") ? Integer.parseInt(text, 1, text.length(), 10) : -1;
        } catch (NumberFormatException e) {
          host = -1;
        }
      } else {
        parser.skipChildren();
      }
    }
    return host;
  }

  private void onHistory(String quid, String query, int records) {
    if (records > 0) {
      shared.anomalies.get(Anomaly.HISTORY_RECORD).add(records);
    }
    int at = query == null ? -1 : query.lastIndexOf("'h");
    int host = -1;
    if (at >= 0) {
      try {
        host = Integer.parseInt(query, at + 2, query.length() - 1, 10);
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        host = -1;
      }
    }
    if (host < first || host >= first + subscriptions.length) {
      error("history of a query not ours [quid=" + quid + ", query=" + query + "]");
      return;
    }
    Subscription subscription = subscriptions[host - first];
    subscription.quid = quid;
    byQuid.put(quid, subscription);
  }

  private void onHistoryEnd(String quid) {
    Subscription subscription = byQuid.get(quid);
    if (subscription == null) {
      error("historyEnd of an unknown quid [quid=" + quid + "]");
      return;
    }
    if (!subscription.ready) {
      subscription.ready = true;
      shared.subscribed.countDown();
      subscribeNext();
    }
  }

  private void onFrame(String quid, long frameSeq, long dropped, int count, long arrival) {
    Subscription subscription = byQuid.get(quid);
    if (subscription == null) {
      shared.count(Anomaly.FRAME_OF_UNKNOWN_QUID);
      return;
    }
    if (frameSeq != subscription.lastFrameSeq + 1) {
      shared.count(Anomaly.FRAME_SEQ_GAP);
    }
    subscription.lastFrameSeq = Math.max(subscription.lastFrameSeq, frameSeq);
    subscription.frames++;
    subscription.dropped += dropped;
    long[] arrivals = ledger.arrivalNanos;
    int received = 0;
    for (int i = 0; i < count; i++) {
      long seq = values[i];
      if (seq < 0
          || seq >= arrivals.length
          || hosts[i] != subscription.host
          || seq % ledger.hosts != subscription.host) {
        shared.count(Anomaly.WRONG_HOST_RECORD);
        continue;
      }
      if (arrivals[(int) seq] != 0) {
        shared.count(Anomaly.DUPLICATE_RECORD);
        continue;
      }
      arrivals[(int) seq] = arrival;
      received++;
    }
    subscription.received += received;
    shared.frames.increment();
    shared.records.add(received);
    shared.dropped.add(dropped);
    shared.lastFrameNanos = arrival;
  }

  private void error(String message) {
    shared.count(Anomaly.ERROR);
    shared.firstError.compareAndSet(null, message);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /** One subscription: its host, and what its frames brought. */
  static final class Subscription {
    final int host;
    String quid;
    boolean ready;
    long lastFrameSeq;
    long frames;
    long received;
    long dropped;
    long closedDroppedTotal = -1;

    Subscription(int host) {
      this.host = host;
    }
  }
}
