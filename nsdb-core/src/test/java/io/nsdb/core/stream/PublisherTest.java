package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.CPU;
import static io.nsdb.core.stream.StreamFixtures.SCHEMA;
import static io.nsdb.core.stream.StreamFixtures.countRow;
import static io.nsdb.core.stream.StreamFixtures.rows;
import static io.nsdb.core.stream.StreamFixtures.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.model.Bit;
import io.nsdb.core.query.LiveQuery;
import io.nsdb.core.stream.Publisher.Event;
import io.nsdb.core.stream.Publisher.Frame;
import io.nsdb.core.stream.Publisher.Stats;
import io.nsdb.core.stream.Publisher.SubscribeReply;
import io.nsdb.core.stream.Publisher.Subscribed;
import io.nsdb.core.stream.StreamFixtures.CpuStorage;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher actor with probes as subscribers, fed by a real storage's write listener and
 * subscribed to as the WebSocket layer does it: the live query and the hand-over LSN taken while
 * the metric's writes are held. Time is manual: {@link #advance} moves the publisher's clock and
 * Pekko's scheduler together, and {@link #stats} is a barrier (the publisher handles messages in
 * order, and inserts tell it from the test thread), so "no frame" is checked without waiting.
 */
class PublisherTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long TICK = 10;
  private static final int REPLAY_CAPACITY = 8;
  private static final long REPLAY_AGE = 1_000;
  private static final Publisher.Settings SETTINGS =
      new Publisher.Settings(
          Duration.ofMillis(TICK), 2, 3, REPLAY_CAPACITY, Duration.ofMillis(REPLAY_AGE));

  private static final ActorTestKit KIT = ActorTestKit.create(ManualTime.config());
  private static final ManualTime TIME = ManualTime.get(KIT.system());

  @TempDir Path data;
  private final AtomicLong now = new AtomicLong(T0);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private CpuStorage cpu;
  private ActorRef<Publisher.Command> publisher;
  private long timestamp = T0;

  @BeforeEach
  void start() {
    cpu = new CpuStorage(data);
    publisher = KIT.spawn(Publisher.create(SETTINGS, clock));
    cpu.storage.setWriteListener(Publisher.writeListener(publisher, clock));
  }

  @AfterEach
  void stop() {
    KIT.stop(publisher);
    cpu.close();
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** A bit of {@code host}, each at its own, later timestamp. */
  private Bit bit(String host, double value) {
    return new Bit(timestamp++, value, Map.of("host", host), Map.of());
  }

  /**
   * Subscribes as the WebSocket layer does: the live query made and the Subscribe told while the
   * metric's writes are held, at the storage's last LSN.
   */
  private SubscribeReply subscribe(
      TestProbe<Event> subscriber,
      String sql,
      long refreshPeriodMillis,
      int retentionSize,
      OptionalLong resumeAfter) {
    Select select = select(sql);
    TestProbe<SubscribeReply> reply = KIT.createTestProbe();
    cpu.storage.holdingWrites(
        CPU,
        () -> {
          tellSubscribe(
              subscriber,
              select,
              cpu.live(select, now.get()),
              cpu.storage.lastLsn(),
              resumeAfter,
              refreshPeriodMillis,
              retentionSize,
              reply);
          return null;
        });
    return reply.receiveMessage();
  }

  private void tellSubscribe(
      TestProbe<Event> subscriber,
      Select select,
      LiveQuery live,
      long lsn,
      OptionalLong resumeAfter,
      long refreshPeriodMillis,
      int retentionSize,
      TestProbe<SubscribeReply> reply) {
    publisher.tell(
        new Publisher.Subscribe(
            subscriber.ref(),
            CPU.db(),
            CPU.namespace(),
            CPU.metric(),
            select,
            SCHEMA,
            live,
            lsn,
            resumeAfter,
            refreshPeriodMillis,
            retentionSize,
            0,
            reply.ref()));
  }

  /**
   * Tells the publisher a Subscribe of {@code sql} with the evaluation of another, valid, query:
   * the query engine refuses a bad query before the publisher sees it, so this reaches the
   * publisher's own checks.
   */
  private SubscribeReply subscribeBypassingTheEngine(TestProbe<Event> subscriber, String sql) {
    TestProbe<SubscribeReply> reply = KIT.createTestProbe();
    LiveQuery valid = cpu.live(select("select * from cpu"), now.get());
    tellSubscribe(
        subscriber, select(sql), valid, cpu.storage.lastLsn(), OptionalLong.empty(), 10, 10, reply);
    return reply.receiveMessage();
  }

  private Subscribed subscribed(TestProbe<Event> subscriber, String sql, long refreshPeriodMillis) {
    return (Subscribed) subscribe(subscriber, sql, refreshPeriodMillis, 100, OptionalLong.empty());
  }

  private String quid(TestProbe<Event> subscriber, String sql, long refreshPeriodMillis) {
    return subscribed(subscriber, sql, refreshPeriodMillis).quid();
  }

  private SubscribeReply resume(TestProbe<Event> subscriber, String sql, long after) {
    return subscribe(subscriber, sql, 10, 100, OptionalLong.of(after));
  }

  /** Inserts the bits in one batch; the storage publishes them. Returns the last one's LSN. */
  private long publish(Bit... bits) {
    return cpu.storage.insert(CPU, List.of(bits));
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
    String quid = quid(first, "select * from cpu where host = 'a'", 100);
    // The same query written differently: the canonical SQL is the same.
    assertEquals(quid, quid(second, "SELECT *   FROM cpu WHERE host='a'", 100));
    assertNotEquals(quid, quid(second, "select * from cpu where host = 'b'", 100));
    assertEquals(new Stats(2, 3, 2, Map.of(CPU, 2), 0, 0), stats());

    Bit a1 = bit("a", 1);
    Bit b2 = bit("b", 2);
    Bit a3 = bit("a", 3);
    long last = publish(a1, b2, a3);
    advance(TICK);
    Frame expected = new Frame(quid, CPU, rows(List.of(a1, a3)), 0, 1, last, 0);
    assertEquals(expected, first.expectMessageClass(Frame.class));
    Frame toSecond = second.expectMessageClass(Frame.class);
    Frame other = second.expectMessageClass(Frame.class);
    if (!toSecond.quid().equals(quid)) {
      Frame swap = toSecond;
      toSecond = other;
      other = swap;
    }
    assertEquals(expected, toSecond);
    assertEquals(rows(List.of(b2)), other.records());
    assertEquals(last, other.lastLsn(), "the metric's last write: every quid has seen it");
    assertEquals(new Stats(2, 3, 2, Map.of(CPU, 2), 3, last), stats());
  }

  @Test
  void framesAreAtLeastTheRefreshPeriodApart() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = quid(subscriber, "select * from cpu", 100);
    publish(bit("a", 1));
    advance(TICK);
    Frame first = subscriber.expectMessageClass(Frame.class);
    assertEquals(1, first.sequence());
    ack(subscriber, first);
    long firstAt = now.get();

    Bit a2 = bit("a", 2);
    long lsn = publish(a2);
    advance(90 - TICK);
    expectNoFrame(subscriber);
    advance(TICK);
    assertEquals(firstAt + 90, now.get());
    expectNoFrame(subscriber);
    advance(TICK);
    Frame second = subscriber.expectMessageClass(Frame.class);
    assertEquals(firstAt + 100, now.get());
    assertEquals(new Frame(quid, CPU, rows(List.of(a2)), 0, 2, lsn, 0), second);
  }

  @Test
  void retentionDropsAreCountedExactly() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid =
        ((Subscribed) subscribe(subscriber, "select * from cpu", 50, 3, OptionalLong.empty()))
            .quid();
    Bit[] bits = new Bit[10];
    long last = 0;
    for (int i = 0; i < bits.length; i++) {
      bits[i] = bit("a", i);
      last = publish(bits[i]);
    }
    advance(TICK);
    assertEquals(
        new Frame(quid, CPU, rows(List.of(bits[7], bits[8], bits[9])), 7, 1, last, 0),
        subscriber.expectMessageClass(Frame.class));
  }

  @Test
  void unsubscribeStopsTheFramesAndCleansUpOnceTheReplayWindowPasses() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = quid(subscriber, "select * from cpu where host = 'a'", 10);
    TestProbe<Publisher.Unsubscribed> reply = KIT.createTestProbe();
    publisher.tell(new Publisher.Unsubscribe(subscriber.ref(), quid, reply.ref()));
    assertEquals(new Publisher.Unsubscribed(quid), reply.receiveMessage());
    long lsn = publish(bit("a", 1));
    advance(100);
    expectNoFrame(subscriber);
    assertEquals(new Stats(0, 0, 0, Map.of(), 1, lsn), stats(), "kept for a resume");
    advance(REPLAY_AGE);
    assertEquals(new Stats(0, 0, 0, Map.of(), 0, lsn), stats());
  }

  @Test
  void aGoneSubscriberLeavesNothingBehind() {
    TestProbe<Event> gone = KIT.createTestProbe();
    TestProbe<Event> stays = KIT.createTestProbe();
    String shared = quid(gone, "select * from cpu where host = 'a'", 10);
    quid(gone, "select * from cpu where value > 1", 10);
    quid(stays, "select * from cpu where host = 'a'", 10);

    publisher.tell(new Publisher.SubscriberGone(gone.ref()));
    assertEquals(new Stats(1, 1, 1, Map.of(CPU, 1), 0, 0), stats());
    long lsn = publish(bit("a", 5));
    advance(TICK);
    assertEquals(shared, stays.expectMessageClass(Frame.class).quid());
    expectNoFrame(gone);

    publisher.tell(new Publisher.SubscriberGone(stays.ref()));
    assertEquals(new Stats(0, 0, 0, Map.of(), 1, lsn), stats());
    advance(REPLAY_AGE + TICK);
    assertEquals(new Stats(0, 0, 0, Map.of(), 0, lsn), stats(), "the replay window passed");
  }

  @Test
  void aStoppedSubscriberIsRemovedByTheWatch() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    quid(subscriber, "select * from cpu", 10);
    subscriber.stop();
    // Termination reaches the publisher asynchronously; poll the stats until it has.
    subscriber.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          assertEquals(new Stats(0, 0, 0, Map.of(), 0, 0), stats());
          return null;
        });
  }

  @Test
  void anUnknownColumnFailsTheSubscription() {
    SubscribeReply reply =
        subscribeBypassingTheEngine(KIT.createTestProbe(), "select * from cpu where hots = 'a'");
    Publisher.SubscribeFailed failed = (Publisher.SubscribeFailed) reply;
    assertEquals(ErrorCode.UNKNOWN_COLUMN, failed.code());
    assertTrue(failed.message().contains("hots"), failed.message());
    assertEquals(new Stats(0, 0, 0, Map.of(), 0, 0), stats());
  }

  @Test
  void aQueryOverAnotherMetricFails() {
    SubscribeReply reply =
        subscribeBypassingTheEngine(KIT.createTestProbe(), "select * from mem where host = 'a'");
    assertEquals(ErrorCode.UNKNOWN_METRIC, ((Publisher.SubscribeFailed) reply).code());
  }

  @Test
  void aConsumerThatAcknowledgesNothingIsRemovedAsSlow() {
    TestProbe<Event> slow = KIT.createTestProbe();
    String quid = quid(slow, "select * from cpu", 10);
    // Capacity 2: two frames go out unacknowledged, then three periods overflow.
    for (int i = 0; i < 2; i++) {
      publish(bit("a", i));
      advance(TICK);
      assertEquals(i + 1, slow.expectMessageClass(Frame.class).sequence());
    }
    long last = 0;
    for (int i = 0; i < 3; i++) {
      last = publish(bit("a", 10 + i));
      advance(TICK);
    }
    Publisher.SlowConsumer removed = slow.expectMessageClass(Publisher.SlowConsumer.class);
    assertEquals(new Publisher.SlowConsumer(quid, CPU, 0), removed);
    assertEquals(new Stats(0, 0, 0, Map.of(), 5, last), stats());
  }

  @Test
  void theWriteListenerPublishesWithTheClocksTime() {
    TestProbe<Event> subscriber = KIT.createTestProbe();
    String quid = quid(subscriber, "select * from cpu where timestamp > now - 1s", 10);
    Bit bit = bit("a", 1);
    long lsn = cpu.storage.lastLsn() + 40;
    Publisher.writeListener(publisher, clock).written(CPU, List.of(bit), lsn);
    advance(TICK);
    assertEquals(
        new Frame(quid, CPU, rows(List.of(bit)), 0, 1, lsn, 0),
        subscriber.expectMessageClass(Frame.class));
    assertEquals(lsn, stats().lastPublishedLsn());
  }

  @Test
  void theHistoryHoldsTheRowsUpToTheLsnAndFramesTheBitsAfter() {
    Bit a1 = bit("a", 1);
    publish(a1, bit("b", 2));
    long handOver = cpu.storage.lastLsn();
    TestProbe<Event> subscriber = KIT.createTestProbe();
    Subscribed subscribed = subscribed(subscriber, "select * from cpu where host = 'a'", 10);
    assertEquals(
        new Subscribed(0, subscribed.quid(), CPU, rows(List.of(a1)), handOver, false, 0),
        subscribed);

    Bit a3 = bit("a", 3);
    Bit a5 = bit("a", 5);
    publish(a3);
    publish(bit("b", 4));
    long last = publish(a5);
    advance(TICK);
    assertEquals(
        new Frame(subscribed.quid(), CPU, rows(List.of(a3, a5)), 0, 1, last, 0),
        subscriber.expectMessageClass(Frame.class));
  }

  @Test
  void resumingAfterTheLastFrameTakenReplaysTheMissedBitsIntoTheFirstFrame() {
    String sql = "select * from cpu where host = 'a'";
    TestProbe<Event> dropped = KIT.createTestProbe();
    quid(dropped, sql, 10);
    publish(bit("a", 1));
    advance(TICK);
    Frame taken = dropped.expectMessageClass(Frame.class);
    ack(dropped, taken);
    Bit a2 = bit("a", 2);
    publish(a2); // gathered, never framed: the connection drops first
    publisher.tell(new Publisher.SubscriberGone(dropped.ref()));
    Bit a3 = bit("a", 3);
    publish(a3, bit("b", 4));
    long lsn = cpu.storage.lastLsn();

    TestProbe<Event> back = KIT.createTestProbe();
    Subscribed resumed = (Subscribed) resume(back, sql, taken.lastLsn());
    assertEquals(new Subscribed(0, resumed.quid(), CPU, List.of(), lsn, true, 2), resumed);
    Bit a5 = bit("a", 5);
    long last = publish(a5);
    advance(TICK);
    assertEquals(
        new Frame(resumed.quid(), CPU, rows(List.of(a2, a3, a5)), 0, 1, last, 0),
        back.expectMessageClass(Frame.class),
        "the missed bits, then the live ones: no gap, no duplicate");
    expectNoFrame(dropped);
  }

  @Test
  void resumingFromBelowTheWindowOrPastTheLsnFailsAndChangesNothing() {
    String sql = "select * from cpu where host = 'a'";
    TestProbe<Event> keeper = KIT.createTestProbe();
    quid(keeper, "select * from cpu where host = 'b'", 10); // keeps the metric subscribed
    TestProbe<Event> dropped = KIT.createTestProbe();
    quid(dropped, sql, 10);
    publish(bit("a", 1));
    advance(TICK);
    Frame taken = dropped.expectMessageClass(Frame.class);
    publisher.tell(new Publisher.SubscriberGone(dropped.ref()));
    long missed = publish(bit("a", 2));
    advance(REPLAY_AGE + TICK); // the missed bit ages out of the log
    Stats before = stats();
    assertEquals(new Stats(1, 1, 1, Map.of(CPU, 1), 0, missed), before);

    TestProbe<Event> back = KIT.createTestProbe();
    Publisher.SubscribeFailed tooOld =
        (Publisher.SubscribeFailed) resume(back, sql, taken.lastLsn());
    assertEquals(ErrorCode.RESUME_UNAVAILABLE, tooOld.code());
    assertEquals(before, stats());

    Publisher.SubscribeFailed tooNew =
        (Publisher.SubscribeFailed) resume(back, sql, cpu.storage.lastLsn() + 1);
    assertEquals(ErrorCode.RESUME_UNAVAILABLE, tooNew.code());
    assertEquals(before, stats());

    Subscribed atHorizon = (Subscribed) resume(back, sql, missed);
    assertEquals(
        new Subscribed(0, atHorizon.quid(), CPU, List.of(), missed, true, 0),
        atHorizon,
        "nothing after the horizon was lost");
  }

  @Test
  void anAggregateResumesWithItsHistoryInsteadOfAReplay() {
    String sql = "select count(*) from cpu group by host";
    TestProbe<Event> dropped = KIT.createTestProbe();
    quid(dropped, sql, 10);
    publish(bit("a", 1));
    advance(TICK);
    Frame taken = dropped.expectMessageClass(Frame.class);
    publisher.tell(new Publisher.SubscriberGone(dropped.ref()));
    long lsn = publish(bit("a", 2), bit("b", 3));

    Subscribed again = (Subscribed) resume(KIT.createTestProbe(), sql, taken.lastLsn());
    assertEquals(
        new Subscribed(
            0, again.quid(), CPU, List.of(countRow("a", 2), countRow("b", 1)), lsn, false, 0),
        again);
  }

  @Test
  void anAggregateFrameCarriesOnlyTheChangedGroupsWithTheirLatestValues() {
    String sql = "select count(*) from cpu group by host";
    publish(bit("a", 1), bit("b", 2));
    TestProbe<Event> first = KIT.createTestProbe();
    TestProbe<Event> second = KIT.createTestProbe();
    Subscribed subscribed = subscribed(first, sql, 10);
    assertEquals(List.of(countRow("a", 1), countRow("b", 1)), subscribed.history());
    String quid = subscribed.quid();
    assertEquals(quid, quid(second, sql, 10));

    long last = publish(bit("a", 3), bit("c", 4), bit("a", 5));
    advance(TICK);
    Frame expected =
        new Frame(quid, CPU, List.of(countRow("c", 1), countRow("a", 3)), 0, 1, last, 0);
    Frame toFirst = first.expectMessageClass(Frame.class);
    assertEquals(expected, toFirst, "b did not change; a's latest count only");
    assertEquals(expected, second.expectMessageClass(Frame.class));

    ack(first, toFirst);
    last = publish(bit("b", 6));
    advance(TICK);
    assertEquals(
        new Frame(quid, CPU, List.of(countRow("b", 2)), 0, 2, last, 0),
        first.expectMessageClass(Frame.class));
  }
}
