package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.awaitSubscribed;
import static io.nsdb.ws.stream.StreamTesting.framesUntilTimestamp;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.subscribe;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from history to frames while writes race the subscribe: the history and the frames
 * together hold every matching point exactly once.
 */
class StreamHandOverTest {

  private static final String QUERY = "select * from cpu where host = 'a'";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Inserts small batches of points with increasing timestamps into one metric over HTTP, from its
   * own thread, until stopped; every third point is on host a (the query's), the others on b and c.
   */
  private static final class Writer implements AutoCloseable {
    private final String db;
    private final Set<Long> matching = new ConcurrentSkipListSet<>();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private long next = 1_000_000;

    Writer(String db) {
      this.db = db;
      // The metric exists before anyone subscribes.
      write(3);
      this.thread = new Thread(this::run, "writer-" + db);
      thread.start();
    }

    private void run() {
      try {
        int size = 1;
        while (running.get()) {
          write(size);
          size = size % 3 + 1;
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }

    private void write(int size) {
      List<Map<String, Object>> batch = new ArrayList<>();
      List<Long> matched = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        long timestamp = next++;
        String host = timestamp % 3 == 0 ? "a" : timestamp % 3 == 1 ? "b" : "c";
        batch.add(point(timestamp, timestamp, host));
        if (host.equals("a")) {
          matched.add(timestamp);
        }
      }
      insert(server, db, batch);
      matching.addAll(matched);
      written.addAndGet(size);
    }

    /** Waits until at least {@code count} points were written in all. */
    void awaitWritten(int count) {
      StreamTesting.await(count + " points written", () -> written.get() >= count);
      assertTrue(failure.get() == null, () -> "writer failed: " + failure.get());
    }

    int written() {
      return written.get();
    }

    /** Stops writing, then writes one last matching point and returns its timestamp. */
    long stop() {
      close();
      if (failure.get() != null) {
        throw new AssertionError("writer failed", failure.get());
      }
      while (next % 3 != 0) {
        next++;
      }
      write(1);
      return next - 1;
    }

    Set<Long> matching() {
      return new TreeSet<>(matching);
    }

    @Override
    public void close() {
      running.set(false);
      try {
        thread.join(TimeUnit.SECONDS.toMillis(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * History and frames of one subscription, up to the last point, as timestamps in arrival order.
   */
  private static List<Long> everythingReceived(
      StreamClient client, StreamTesting.Subscription subscription, long last) {
    List<Long> received = new ArrayList<>(subscription.historyTimestamps());
    long previousLsn = subscription.lsn();
    long seq = 0;
    for (JsonNode frame : framesUntilTimestamp(client, subscription.quid(), last)) {
      assertEquals(0, frame.get("dropped").asLong(), frame.toString());
      assertEquals(++seq, frame.get("seq").asLong(), "seq without gaps: " + frame);
      assertTrue(frame.get("lsn").asLong() > previousLsn, "lsn grows: " + frame);
      previousLsn = frame.get("lsn").asLong();
      received.addAll(timestamps(frame.get("records")));
    }
    return received;
  }

  private static void assertExactlyOnce(Set<Long> expected, List<Long> received, String who) {
    assertEquals(
        received.size(),
        new TreeSet<>(received).size(),
        who + ": no point twice, received " + received);
    assertEquals(expected, new TreeSet<>(received), who + ": every matching point, none other");
  }

  @Test
  void historyPlusFramesAreEveryMatchingPointOnceWhileAWriterRaces() {
    try (Writer writer = new Writer("handover_one");
        StreamClient client = StreamClient.open(server, "refresh_period=100")) {
      writer.awaitWritten(60);
      client.send(subscribe("handover_one", QUERY));
      StreamTesting.Subscription subscription = awaitSubscribed(client);
      writer.awaitWritten(writer.written() + 150);
      long last = writer.stop();

      List<Long> received = everythingReceived(client, subscription, last);

      assertTrue(subscription.history().size() > 0, "the subscribe came after some writes");
      assertTrue(received.size() > subscription.history().size(), "and before others");
      assertExactlyOnce(writer.matching(), received, "the subscriber");
    }
  }

  @Test
  void severalSubscribersRacingTheWriterEachGetEveryMatchingPointOnce() throws Exception {
    int subscribers = 4;
    List<StreamClient> clients = new ArrayList<>();
    try (Writer writer = new Writer("handover_many")) {
      for (int i = 0; i < subscribers; i++) {
        clients.add(StreamClient.open(server, "refresh_period=100"));
      }
      writer.awaitWritten(30);
      // All subscribe at once, on their own threads, while the writer writes.
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (StreamClient client : clients) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  client.send(subscribe("handover_many", QUERY));
                });
        thread.start();
        threads.add(thread);
      }
      go.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      List<StreamTesting.Subscription> subscriptions = new ArrayList<>();
      for (StreamClient client : clients) {
        subscriptions.add(awaitSubscribed(client));
      }
      writer.awaitWritten(writer.written() + 150);
      long last = writer.stop();

      for (int i = 0; i < subscribers; i++) {
        List<Long> received = everythingReceived(clients.get(i), subscriptions.get(i), last);
        assertExactlyOnce(writer.matching(), received, "subscriber " + i);
        assertEquals(
            subscriptions.get(0).quid(),
            subscriptions.get(i).quid(),
            "the same query shares its quid");
      }
    } finally {
      clients.forEach(StreamClient::close);
    }
  }
}
