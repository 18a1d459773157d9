package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.CPU;
import static io.nsdb.core.stream.StreamFixtures.rows;
import static io.nsdb.core.stream.StreamFixtures.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.ResultRow;
import io.nsdb.core.schema.Schema;
import io.nsdb.core.stream.StreamFixtures.CpuStorage;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real storage's write listener feeding the real publisher, and subscriptions made as the
 * WebSocket layer makes them: inserts come out as frames, and history plus frames is exactly the
 * query's answer, whatever the interleaving with concurrent writers.
 */
class PublisherStorageTest {

  private static final MetricKey MEM = new MetricKey("db", "ns", "mem");
  private static final long T0 = 1_700_000_000_000L;
  private static final long TICK = 10;

  @TempDir Path data;
  private final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
  private final ManualTime time = ManualTime.get(kit.system());
  private final AtomicLong now = new AtomicLong(T0);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private CpuStorage cpu;
  private ActorRef<Publisher.Command> publisher;

  @BeforeEach
  void start() {
    cpu = new CpuStorage(data);
    publisher = kit.spawn(Publisher.create(Publisher.Settings.defaults(), clock));
    cpu.storage.setWriteListener(Publisher.writeListener(publisher, clock));
  }

  @AfterEach
  void close() {
    kit.shutdownTestKit();
    cpu.close();
  }

  private static Bit bit(long timestamp, String host, long value) {
    return new Bit(timestamp, (double) value, Map.of("host", host), Map.of());
  }

  /**
   * Subscribes {@code subscriber} to {@code sql} as the WebSocket layer does: under held writes,
   * the live query made and the Subscribe told at the storage's last LSN.
   */
  private Publisher.Subscribed subscribe(TestProbe<Publisher.Event> subscriber, String sql) {
    Select select = select(sql);
    TestProbe<Publisher.SubscribeReply> reply = kit.createTestProbe();
    cpu.storage.holdingWrites(
        CPU,
        () -> {
          Schema schema = cpu.storage.describe(CPU).orElseThrow();
          publisher.tell(
              new Publisher.Subscribe(
                  subscriber.ref(),
                  CPU.db(),
                  CPU.namespace(),
                  CPU.metric(),
                  select,
                  schema,
                  cpu.live(select, now.get()),
                  cpu.storage.lastLsn(),
                  OptionalLong.empty(),
                  50,
                  100_000,
                  0,
                  reply.ref()));
          return null;
        });
    return (Publisher.Subscribed) reply.receiveMessage();
  }

  /** Moves the clock and the scheduler one tick, so that due frames go out. */
  private void tick() {
    now.addAndGet(TICK);
    time.timePasses(Duration.ofMillis(TICK));
  }

  private Publisher.Stats stats() {
    TestProbe<Publisher.Stats> reply = kit.createTestProbe();
    publisher.tell(new Publisher.GetStats(reply.ref()));
    return reply.receiveMessage();
  }

  @Test
  void acknowledgedInsertsReachTheSubscriberInLsnOrder() {
    TestProbe<Publisher.Event> subscriber = kit.createTestProbe();
    String quid = subscribe(subscriber, "select * from cpu where host = 'a'").quid();

    List<Bit> expected = new ArrayList<>();
    long lastLsn = 0;
    for (int i = 1; i <= 20; i++) {
      lastLsn = cpu.storage.insert(CPU, List.of(bit(T0, "a", i), bit(T0, "b", -i)));
      expected.add(bit(T0, "a", i));
    }
    tick();
    assertEquals(
        new Publisher.Frame(quid, CPU, rows(expected), 0, 1, lastLsn, 0),
        subscriber.expectMessageClass(Publisher.Frame.class),
        "lastLsn: the metric's last write, matched or not: the resume point");
    assertEquals(lastLsn, stats().lastPublishedLsn());
  }

  /**
   * A writer inserts into cpu (points of host a, which the query selects, and of host b) while the
   * test thread subscribes, and another writer inserts into mem, so that cpu's LSNs have gaps. The
   * cpu writer has written a first phase before the subscription starts, goes on writing until it
   * is done and then writes a last phase, so history and frames both hold points and the
   * subscription races live writes. Whatever the interleaving, the history holds exactly the
   * selected points with an LSN up to the hand-over LSN, the frames exactly those after it: no gap,
   * no duplicate.
   */
  @Test
  void historyAndFramesHoldEveryInsertExactlyOnceUnderConcurrentWrites() throws Exception {
    int phase = 200;
    CountDownLatch firstPhaseDone = new CountDownLatch(1);
    CountDownLatch subscribed = new CountDownLatch(1);
    List<Long> lsns = new ArrayList<>(); // of the selected points, the i-th at T0 + i
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              int i = 0;
              while (i < phase) {
                lsns.add(insertPair(i++));
              }
              firstPhaseDone.countDown();
              // Racing the subscription; bounded, far below the retention and the row limit.
              while (subscribed.getCount() > 0 && i < 20_000) {
                lsns.add(insertPair(i++));
              }
              await(subscribed);
              for (int end = i + phase; i < end; ) {
                lsns.add(insertPair(i++));
              }
            });
    CompletableFuture<Void> other =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 3 * phase; i++) {
                cpu.storage.insert(MEM, List.of(bit(T0 + i, "a", i)));
              }
            });

    assertTrue(firstPhaseDone.await(30, TimeUnit.SECONDS), "the first phase is written");
    TestProbe<Publisher.Event> subscriber = kit.createTestProbe();
    Publisher.Subscribed subscription;
    try {
      subscription = subscribe(subscriber, "select * from cpu where host = 'a'");
    } finally {
      subscribed.countDown();
    }
    writer.get(30, TimeUnit.SECONDS);
    other.get(30, TimeUnit.SECONDS);
    stats(); // every insert has been handed to the publisher, and handled
    tick();
    Publisher.Frame frame = subscriber.expectMessageClass(Publisher.Frame.class);

    List<Bit> all = new ArrayList<>();
    List<Bit> before = new ArrayList<>();
    List<Bit> after = new ArrayList<>();
    for (int i = 0; i < lsns.size(); i++) {
      Bit selected = bit(T0 + i, "a", i);
      all.add(selected);
      (lsns.get(i) <= subscription.lsn() ? before : after).add(selected);
    }
    assertTrue(before.size() >= phase, "the first phase is in the history");
    assertTrue(after.size() >= phase, "the last phase is in the frames");
    assertEquals(rows(before), subscription.history(), "the history ends at the hand-over LSN");
    assertEquals(
        new Publisher.Frame(
            subscription.quid(), CPU, rows(after), 0, 1, lsns.get(lsns.size() - 1) + 1, 0),
        frame,
        "the frames start after it and reach the metric's last write");
    List<ResultRow> union = new ArrayList<>(subscription.history());
    union.addAll(frame.records());
    assertEquals(rows(all), union, "every selected point once, in order: no gap, no duplicate");
  }

  /** Inserts the points of hosts a and b at {@code T0 + i}, in one batch; returns a's LSN. */
  private long insertPair(int i) {
    return cpu.storage.insert(CPU, List.of(bit(T0 + i, "a", i), bit(T0 + i, "b", i))) - 1;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out waiting for the test thread");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
