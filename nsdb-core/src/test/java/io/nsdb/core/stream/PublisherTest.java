package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.CPU;
import static io.nsdb.core.stream.StreamFixtures.SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.stream.Publisher.Event;
import io.nsdb.core.stream.Publisher.Frame;
import io.nsdb.core.stream.Publisher.Stats;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher actor with probes as subscribers. Time is manual: {@link #advance} moves the
 * publisher's clock and Pekko's scheduler together, and {@link #stats} is a barrier (the publisher
 * handles messages in order), so "no frame" is checked without waiting.
 */
class PublisherTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long TICK = 10;
  private static final Publisher.Settings SETTINGS =
      new Publisher.Settings(Duration.ofMillis(TICK), 2, 3);

  private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
  private static final ManualTime TIME = ManualTime.get(KIT.system());

  private final AtomicLong now = new AtomicLong(T0);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private ActorRef<Publisher.Command> publisher;
  private long lsn = 1;

  @BeforeEach
  void start() {
    publisher = KIT.spawn(Publisher.create(SETTINGS, clock));
  }

  @AfterEach
  void stop() {
    KIT.stop(publisher);
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static Select select(String sql) {
    return (Select) SqlParser.parse(sql);
  }

  private static Bit bit(String host, double value) {
    return new Bit(T0, value, Map.of("host", host), Map.of());
  }

  private Publisher.SubscribeReply subscribe(
      TestProbe<Event> subscriber, String sql, long refreshPeriodMillis, int retentionSize) {
    TestProbe<Publisher.SubscribeReply> reply = KIT.createTestProbe();
    publisher.tell(
        new Publisher.Subscribe(
            subscriber.ref(),
            CPU.db(),
            CPU.namespace(),
            CPU.metric(),
            select(sql),
            SCHEMA,
            refreshPeriodMillis,
            retentionSize,
            reply.ref()));
    return reply.receiveMessage();
  }

  private String subscribed(TestProbe<Event> subscriber, String sql, long refreshPeriodMillis) {
    return ((Publisher.Subscribed) subscribe(subscriber, sql, refreshPeriodMillis, 100)).quid();
  }

  private void publish(Bit... bits) {
    publisher.tell(new Publisher.Published(CPU, List.of(bits), lsn, now.get()));
    lsn += bits.length;
  }

  /**
   * Moves the clock, then the scheduler, by {@code millis}, and returns once the publisher has
   * handled the ticks that fired: the clock must not move while a tick is queued, since the
   * publisher reads it when it handles one. The ticks due meanwhile all read the new time; one
   * step, because every {@code timePasses} first sleeps 100 ms for the dispatchers.
   */
  private void advance(long millis) {
    now.addAndGet(millis);
    TIME.timePasses(Duration.ofMillis(millis));
    stats();
  }

  private Stats stats() {
    TestProbe<Stats> reply = KIT.createTestProbe();
    publisher.tell(new Publisher.GetStats(reply.ref()));
    return reply.receiveMessage();
  }

  private void expectNoFrame(TestProbe<Event> subscriber) {
    stats(); // every tick sent so far has been handled
    subscriber.expectNoMessage(Duration.ZERO);
  }

  private void ack(TestProbe<Event> subscriber, Frame frame) {
    publisher.tell(new Publisher.Acknowledge(subscriber.ref(), frame.quid(), frame.sequence()));
  }

  @Test
  void subscribersOfTheSameQueryShareTheQuidAndGetIdenticalFrames() {
    TestProbe<Event> first = KIT.createTestProbe();
    TestProbe<Event> second = KIT.createTestProbe();
    String quid = subscribed(first, "select * from cpu where host = 'a'", 100);
    // The same query written differently: the canonical SQL is the same.
    assertEquals(quid, subscribed(second, "SELECT *   FROM cpu WHERE host='a'", 100));
    assertNotEquals(quid, subscribed(second, "select * from cpu where host = 'b'", 100));
    assertEquals(new Stats(2, 3, 2, Map.of(CPU, 2), 0), stats());

    publish(bit("a", 1), bit("b", 2), bit("a", 3));
    advance(TICK);
    Frame expected = new Frame(quid, CPU, List.of(bit("a", 1), bit("a", 3)), 0, 1);
    assertEquals(expected, first.expectMessageClass(Frame.class));
    Frame toSecond = second.expectMessageClass(Frame.class);
    Frame other = second.expectMessageClass(Frame.class);
    if (!toSecond.quid().equals(quid)) {
      Frame swap = toSecond;
      toSecond = other;
      other = swap;
    }
    assertEquals(expected, toSecond);
    assertEquals(List.of(bit("b", 2)), other.records());
    assertEquals(3, stats().lastPublishedLsn(), "LSNs 1 to 3");
  }

  @Test
  void framesAreAtLeastTheRefreshPeriodApart() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = subscribed(subscriber, "select * from cpu", 100);
    publish(bit("a", 1));
    advance(TICK);
    Frame first = subscriber.expectMessageClass(Frame.class);
    assertEquals(1, first.sequence());
    ack(subscriber, first);
    long firstAt = now.get();

    publish(bit("a", 2));
    advance(90 - TICK);
    expectNoFrame(subscriber);
    advance(TICK);
    assertEquals(firstAt + 90, now.get());
    expectNoFrame(subscriber);
    advance(TICK);
    Frame second = subscriber.expectMessageClass(Frame.class);
    assertEquals(firstAt + 100, now.get());
    assertEquals(new Frame(quid, CPU, List.of(bit("a", 2)), 0, 2), second);
  }

  @Test
  void retentionDropsAreCountedExactly() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = ((Publisher.Subscribed) subscribe(subscriber, "select * from cpu", 50, 3)).quid();
    for (int i = 0; i < 10; i++) {
      publish(bit("a", i));
    }
    advance(TICK);
    assertEquals(
        new Frame(quid, CPU, List.of(bit("a", 7), bit("a", 8), bit("a", 9)), 7, 1),
        subscriber.expectMessageClass(Frame.class));
  }

  @Test
  void unsubscribeStopsTheFramesAndCleansUp() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = subscribed(subscriber, "select * from cpu where host = 'a'", 10);
    TestProbe<Publisher.Unsubscribed> reply = KIT.createTestProbe();
    publisher.tell(new Publisher.Unsubscribe(subscriber.ref(), quid, reply.ref()));
    assertEquals(new Publisher.Unsubscribed(quid), reply.receiveMessage());
    publish(bit("a", 1));
    advance(100);
    expectNoFrame(subscriber);
    assertEquals(new Stats(0, 0, 0, Map.of(), 1), stats());
  }

  @Test
  void aGoneSubscriberLeavesNothingBehind() {
    TestProbe<Event> gone = KIT.createTestProbe();
    TestProbe<Event> stays = KIT.createTestProbe();
    String shared = subscribed(gone, "select * from cpu where host = 'a'", 10);
    subscribed(gone, "select * from cpu where value > 1", 10);
    subscribed(stays, "select * from cpu where host = 'a'", 10);

    publisher.tell(new Publisher.SubscriberGone(gone.ref()));
    assertEquals(new Stats(1, 1, 1, Map.of(CPU, 1), 0), stats());
    publish(bit("a", 5));
    advance(TICK);
    assertEquals(shared, stays.expectMessageClass(Frame.class).quid());
    expectNoFrame(gone);

    publisher.tell(new Publisher.SubscriberGone(stays.ref()));
    assertEquals(new Stats(0, 0, 0, Map.of(), 1), stats());
  }

  @Test
  void aStoppedSubscriberIsRemovedByTheWatch() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    subscribed(subscriber, "select * from cpu", 10);
    subscriber.stop();
    // Termination reaches the publisher asynchronously; poll the stats until it has.
    subscriber.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          assertEquals(new Stats(0, 0, 0, Map.of(), 0), stats());
          return null;
        });
  }

  @Test
  void anUnknownColumnFailsTheSubscription() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    Publisher.SubscribeReply reply =
        subscribe(subscriber, "select * from cpu where hots = 'a'", 10, 10);
    Publisher.SubscribeFailed failed = (Publisher.SubscribeFailed) reply;
    assertEquals(ErrorCode.UNKNOWN_COLUMN, failed.code());
    assertTrue(failed.message().contains("hots"), failed.message());
    assertEquals(new Stats(0, 0, 0, Map.of(), 0), stats());
  }

  @Test
  void aQueryOverAnotherMetricFails() {
    Publisher.SubscribeReply reply =
        subscribe(KIT.createTestProbe(), "select * from mem where host = 'a'", 10, 10);
    assertEquals(ErrorCode.UNKNOWN_METRIC, ((Publisher.SubscribeFailed) reply).code());
  }

  @Test
  void aConsumerThatAcknowledgesNothingIsRemovedAsSlow() {
    TestProbe<Event> slow = KIT.createTestProbe();
    String quid = subscribed(slow, "select * from cpu", 10);
    // Capacity 2: two frames go out unacknowledged, then three periods overflow.
    for (int i = 0; i < 2; i++) {
      publish(bit("a", i));
      advance(TICK);
      assertEquals(i + 1, slow.expectMessageClass(Frame.class).sequence());
    }
    for (int i = 0; i < 3; i++) {
      publish(bit("a", 10 + i));
      advance(TICK);
    }
    Publisher.SlowConsumer removed = slow.expectMessageClass(Publisher.SlowConsumer.class);
    assertEquals(new Publisher.SlowConsumer(quid, CPU, 0), removed);
    assertEquals(new Stats(0, 0, 0, Map.of(), 5), stats());
  }

  @Test
  void theWriteListenerPublishesWithTheClocksTime() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = subscribed(subscriber, "select * from cpu where timestamp > now - 1s", 10);
    MetricKey cpu = CPU;
    Publisher.writeListener(publisher, clock).written(cpu, List.of(bit("a", 1)), 42);
    advance(TICK);
    assertEquals(
        new Frame(quid, CPU, List.of(bit("a", 1)), 0, 1),
        subscriber.expectMessageClass(Frame.class));
    assertEquals(42, stats().lastPublishedLsn());
  }
}
