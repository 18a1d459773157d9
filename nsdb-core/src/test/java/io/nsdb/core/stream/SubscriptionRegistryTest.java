package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.CPU;
import static io.nsdb.core.stream.StreamFixtures.SCHEMA;
import static io.nsdb.core.stream.StreamFixtures.countRow;
import static io.nsdb.core.stream.StreamFixtures.row;
import static io.nsdb.core.stream.StreamFixtures.rows;
import static io.nsdb.core.stream.StreamFixtures.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.ResultRow;
import io.nsdb.core.stream.StreamFixtures.CpuStorage;
import io.nsdb.core.stream.SubscriptionRegistry.Registration;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's state without the actor: subscribers are strings, sinks record what they get. The
 * registry is fed as in production, from a real storage's write listener (synchronously, on the
 * test thread), and subscriptions are made under {@link io.nsdb.core.engine.Storage #holdingWrites}
 * with live queries from the real query engine, so LSNs and histories are real.
 */
class SubscriptionRegistryTest {

  private static final MetricKey MEM = new MetricKey("db", "ns", "mem");
  private static final long T0 = 1_700_000_000_000L;
  private static final int REPLAY_CAPACITY = 4;
  private static final long REPLAY_AGE = 1_000;

  /** A frame as the sink got it. */
  private record Sent(String subscriber, String quid, SubscriptionOutbox.Flush<ResultRow> frame) {}

  /** What a flush handed on, one line per frame or stuck subscription, and the frames whole. */
  private static final class Recorder implements SubscriptionRegistry.Sink<String> {
    final List<String> events = new ArrayList<>();
    final List<Sent> frames = new ArrayList<>();

    @Override
    public void frame(
        String subscriber,
        String quid,
        MetricKey metric,
        SubscriptionOutbox.Flush<ResultRow> frame,
        long lateIgnored) {
      List<Object> values = frame.records().stream().map(r -> (Object) r.value()).toList();
      events.add(subscriber + " " + quid + " #" + frame.sequence() + " " + values);
      frames.add(new Sent(subscriber, quid, frame));
    }

    @Override
    public void stuck(String subscriber, String quid, MetricKey metric, long droppedTotal) {
      events.add(subscriber + " " + quid + " stuck dropped=" + droppedTotal);
    }
  }

  /** The registry's counts, compared whole to tell that nothing changed. */
  private record Counts(
      int subscribers,
      int subscriptions,
      int quids,
      Map<MetricKey, Integer> indexes,
      long replay) {}

  @TempDir Path data;
  private CpuStorage cpu;
  private int quids;
  private final SubscriptionRegistry<String> registry =
      new SubscriptionRegistry<>(
          1,
          2,
          new SubscriptionRegistry.ReplayWindow(REPLAY_CAPACITY, REPLAY_AGE),
          () -> "q" + ++quids);
  private long now = T0;
  private long timestamp = T0;

  @BeforeEach
  void open() {
    cpu = new CpuStorage(data);
    cpu.storage.setWriteListener(
        (metric, bits, firstLsn) -> registry.published(metric, bits, firstLsn, now));
  }

  @AfterEach
  void close() {
    cpu.close();
  }

  /** Subscribes as the WebSocket layer does: live query and hand-over LSN under held writes. */
  private Registration subscribe(String subscriber, String sql, OptionalLong resumeAfter) {
    Select select = select(sql);
    return cpu.storage.holdingWrites(
        CPU,
        () ->
            registry.subscribe(
                subscriber,
                CPU,
                select,
                SCHEMA,
                cpu.live(select, now),
                cpu.storage.lastLsn(),
                resumeAfter,
                10,
                10));
  }

  private String subscribe(String subscriber, String sql) {
    return subscribe(subscriber, sql, OptionalLong.empty()).quid();
  }

  private Registration resume(String subscriber, String sql, long after) {
    return subscribe(subscriber, sql, OptionalLong.of(after));
  }

  /** A bit of {@code host}, each at its own, later timestamp. */
  private Bit bit(String host, double value) {
    return new Bit(timestamp++, value, Map.of("host", host), Map.of());
  }

  /** Inserts one bit into the storage, which publishes it; returns its LSN. */
  private long insert(Bit bit) {
    return cpu.storage.insert(CPU, List.of(bit));
  }

  private Recorder flush() {
    Recorder recorder = new Recorder();
    registry.flush(now, recorder);
    return recorder;
  }

  private List<String> flush(long at) {
    now = at;
    return flush().events;
  }

  /** The frame {@code subscriber} got in a flush now; fails unless there is exactly one. */
  private SubscriptionOutbox.Flush<ResultRow> frameTo(String subscriber) {
    List<SubscriptionOutbox.Flush<ResultRow>> frames =
        flush().frames.stream()
            .filter(sent -> sent.subscriber().equals(subscriber))
            .map(Sent::frame)
            .toList();
    assertEquals(1, frames.size(), "frames to " + subscriber);
    return frames.get(0);
  }

  private Counts counts() {
    return new Counts(
        registry.subscriberCount(),
        registry.subscriptionCount(),
        registry.quidCount(),
        registry.indexSizes(),
        registry.replayBits());
  }

  @Test
  void identicalQueriesShareOneQuidAndOneIndexEntry() {
    String quid = subscribe("s1", "select * from cpu where host = 'a'");
    assertEquals(quid, subscribe("s2", "select *\nfrom cpu where (host = 'a')"));
    assertEquals(quid, subscribe("s1", "select * from cpu where host = 'a'"), "idempotent");
    assertNotEquals(quid, subscribe("s2", "select * from cpu where host = 'b'"));
    assertEquals(2, registry.subscriberCount());
    assertEquals(3, registry.subscriptionCount());
    assertEquals(2, registry.quidCount());
    assertEquals(Map.of(CPU, 2), registry.indexSizes());

    cpu.storage.insert(CPU, List.of(bit("a", 1), bit("b", 2)));
    registry.published(MEM, List.of(bit("a", 3)), 100, now);
    assertEquals(List.of("s1 q1 #1 [1.0]", "s2 q1 #1 [1.0]", "s2 q2 #1 [2.0]"), flush(now));
  }

  @Test
  void theLastSubscriberLeavingRemovesTheQuidAndTheIndex() {
    String quid = subscribe("s1", "select * from cpu where host = 'a'");
    subscribe("s2", "select * from cpu where host = 'a'");
    subscribe("s2", "select * from cpu");
    assertTrue(registry.unsubscribe("s1", quid, now));
    assertFalse(registry.unsubscribe("s1", quid, now));
    assertEquals(Map.of(CPU, 2), registry.indexSizes());
    assertEquals(2, registry.removeSubscriber("s2", now));
    assertEquals(0, registry.removeSubscriber("s2", now));
    assertEquals(new Counts(0, 0, 0, Map.of(), 0), counts());
  }

  @Test
  void afterEverySubscriberLeftTheReplayBitsGoOnceTheWindowPasses() {
    String quid = subscribe("s1", "select * from cpu where host = 'a'");
    subscribe("s2", "select * from cpu where host = 'a'");
    insert(bit("a", 1));
    insert(bit("b", 2));
    registry.unsubscribe("s1", quid, now);
    registry.removeSubscriber("s2", now);
    long leftAt = now;
    assertEquals(new Counts(0, 0, 0, Map.of(), 2), counts());
    insert(bit("a", 3)); // kept too: a client that just left may resume
    assertEquals(3, registry.replayBits(), "kept for the window, for a resume");

    flush(leftAt + REPLAY_AGE);
    assertEquals(3, registry.replayBits(), "the window has not passed");
    // Replay logs are looked at once per sweep: every half window here.
    flush(leftAt + REPLAY_AGE + REPLAY_AGE / 2);
    assertEquals(new Counts(0, 0, 0, Map.of(), 0), counts());
    insert(bit("a", 4));
    assertEquals(0, registry.replayBits(), "nothing is kept for a metric nobody follows");
  }

  @Test
  void aFailedSubscriptionLeavesNoTrace() {
    Select unknownColumn = select("select * from cpu where x = 1");
    // The engine refuses the query first in production; the registry's own check is tested with
    // another query's evaluation.
    Select valid = select("select * from cpu");
    NsdbException error =
        assertThrows(
            NsdbException.class,
            () ->
                registry.subscribe(
                    "s1",
                    CPU,
                    unknownColumn,
                    SCHEMA,
                    cpu.live(valid, now),
                    cpu.storage.lastLsn(),
                    OptionalLong.empty(),
                    10,
                    10));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, error.code());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            registry.subscribe(
                "s1",
                CPU,
                valid,
                SCHEMA,
                cpu.live(valid, now),
                cpu.storage.lastLsn(),
                OptionalLong.empty(),
                0,
                10));
    assertEquals(new Counts(0, 0, 0, Map.of(), 0), counts());
  }

  @Test
  void aStuckSubscriptionIsRemovedAndReported() {
    String slow = subscribe("slow", "select * from cpu");
    String fast = subscribe("fast", "select * from cpu");
    assertEquals(slow, fast);
    for (int i = 0; i < 3; i++, now += 10) {
      insert(bit("a", i));
      List<String> events = flush(now);
      registry.acknowledge("fast", fast, i + 1);
      assertTrue(
          events.contains("fast q1 #" + (i + 1) + " [" + (double) i + "]"), events.toString());
      // Capacity 1: the slow one got its first frame only, then overflows twice and is stuck.
      assertEquals(i == 2, events.contains("slow q1 stuck dropped=0"), events.toString());
    }
    assertEquals(1, registry.subscriberCount());
    assertFalse(registry.acknowledge("slow", slow, 1), "gone");
    assertThrows(IllegalArgumentException.class, () -> registry.acknowledge("fast", fast, 9));
  }

  @Test
  void theHistoryHoldsTheRowsUpToTheLsnAndFramesTheBitsAfter() {
    Bit a1 = bit("a", 1);
    insert(a1);
    insert(bit("b", 2));
    long handOver = cpu.storage.lastLsn();
    Registration registration =
        subscribe("s1", "select * from cpu where host = 'a'", OptionalLong.empty());
    assertEquals(new Registration("q1", List.of(row(a1)), handOver, false, 0), registration);

    Bit a3 = bit("a", 3);
    long a3Lsn = insert(a3);
    insert(bit("b", 4));
    Bit a5 = bit("a", 5);
    long a5Lsn = insert(a5);
    assertTrue(a3Lsn > handOver);
    assertEquals(new SubscriptionOutbox.Flush<>(rows(List.of(a3, a5)), 0, 1, a5Lsn), frameTo("s1"));
  }

  @Test
  void resumingAfterAFramesLastLsnReplaysExactlyTheMissedMatchingBits() {
    String sql = "select * from cpu where host = 'a'";
    subscribe("s1", sql);
    insert(bit("a", 1));
    SubscriptionOutbox.Flush<ResultRow> taken = frameTo("s1");
    registry.acknowledge("s1", "q1", taken.sequence());

    Bit a2 = bit("a", 2);
    insert(a2); // gathered, but never framed: the connection drops
    registry.removeSubscriber("s1", now);
    Bit a3 = bit("a", 3);
    insert(a3);
    insert(bit("b", 4));
    long lsn = cpu.storage.lastLsn();

    Registration resumed = resume("s1 again", sql, taken.lastLsn());
    assertEquals(new Registration("q2", List.of(), lsn, true, 2), resumed);
    Bit a5 = bit("a", 5);
    long a5Lsn = insert(a5);
    now += 10;
    assertEquals(
        new SubscriptionOutbox.Flush<>(rows(List.of(a2, a3, a5)), 0, 1, a5Lsn),
        frameTo("s1 again"),
        "the missed bits, then the live ones: no gap, no duplicate");
  }

  @Test
  void resumingIntoAQuidOthersStillFollowReplaysIntoTheResumedOutboxOnly() {
    String sql = "select * from cpu where host = 'a'";
    subscribe("stays", sql);
    subscribe("drops", sql);
    insert(bit("a", 1));
    Recorder first = flush();
    assertEquals(2, first.frames.size());
    long taken = first.frames.get(0).frame().lastLsn();
    registry.acknowledge("stays", "q1", 1);
    registry.removeSubscriber("drops", now);
    Bit a2 = bit("a", 2);
    insert(a2);

    assertEquals(
        new Registration("q1", List.of(), cpu.storage.lastLsn(), true, 1),
        resume("drops again", sql, taken));
    Bit a3 = bit("a", 3);
    long a3Lsn = insert(a3);
    now += 10;
    List<ResultRow> expected = rows(List.of(a2, a3));
    assertEquals(
        List.of(
            new Sent("stays", "q1", new SubscriptionOutbox.Flush<>(expected, 0, 2, a3Lsn)),
            new Sent("drops again", "q1", new SubscriptionOutbox.Flush<>(expected, 0, 1, a3Lsn))),
        flush().frames,
        "the replay goes to the resumed subscriber alone; the live bit to both");
  }

  @Test
  void resumingFromBelowTheHorizonOrPastTheLsnFailsAndLeavesNoTrace() {
    String sql = "select * from cpu where host = 'a'";
    subscribe("s1", sql);
    insert(bit("a", 1));
    long taken = frameTo("s1").lastLsn();
    registry.removeSubscriber("s1", now);
    long missed = insert(bit("a", 2));
    for (int i = 0; i < REPLAY_CAPACITY; i++) {
      insert(bit("b", i)); // evicts the bit the client missed: the horizon moves up to it
    }
    Counts before = counts();
    assertEquals(new Counts(0, 0, 0, Map.of(), REPLAY_CAPACITY), before);

    NsdbException evicted = assertThrows(NsdbException.class, () -> resume("s1", sql, taken));
    assertEquals(ErrorCode.RESUME_UNAVAILABLE, evicted.code());
    assertEquals(before, counts());

    long lsn = cpu.storage.lastLsn();
    NsdbException future = assertThrows(NsdbException.class, () -> resume("s1", sql, lsn + 1));
    assertEquals(ErrorCode.RESUME_UNAVAILABLE, future.code());
    assertEquals(before, counts());

    assertEquals(
        new Registration("q2", List.of(), lsn, true, 0),
        resume("s1", sql, missed),
        "at the horizon nothing is missing; the failures used no quid");
  }

  @Test
  void resumingWithoutAnyReplayLogFails() {
    insert(bit("a", 1));
    long lsn = cpu.storage.lastLsn();
    NsdbException error =
        assertThrows(NsdbException.class, () -> resume("s1", "select * from cpu", lsn - 1));
    assertEquals(ErrorCode.RESUME_UNAVAILABLE, error.code());
    assertEquals(new Counts(0, 0, 0, Map.of(), 0), counts());
  }

  @Test
  void anAggregateDoesNotResumeButGetsItsHistory() {
    String sql = "select count(*) from cpu group by host";
    subscribe("s1", sql);
    long taken = insert(bit("a", 1));
    registry.removeSubscriber("s1", now);
    insert(bit("a", 2));
    insert(bit("b", 3));

    Registration registration = resume("s1", sql, taken);
    assertEquals(
        new Registration(
            "q2", List.of(countRow("a", 2), countRow("b", 1)), cpu.storage.lastLsn(), false, 0),
        registration);
  }

  @Test
  void anAggregateFrameCarriesOnlyTheChangedGroupsWithTheirLatestValues() {
    String sql = "select count(*) from cpu group by host";
    insert(bit("a", 1));
    insert(bit("b", 2));
    Registration first = subscribe("s1", sql, OptionalLong.empty());
    assertEquals(List.of(countRow("a", 1), countRow("b", 1)), first.history());
    assertEquals(first.quid(), subscribe("s2", sql));

    insert(bit("a", 3));
    insert(bit("c", 4));
    long last = insert(bit("a", 5));
    Recorder recorder = flush();
    SubscriptionOutbox.Flush<ResultRow> expected =
        new SubscriptionOutbox.Flush<>(List.of(countRow("c", 1), countRow("a", 3)), 0, 1, last);
    assertEquals(
        List.of(new Sent("s1", "q1", expected), new Sent("s2", "q1", expected)),
        recorder.frames,
        "b did not change; a's latest count only; the same to both subscribers");
  }

  @Test
  void aDropEndsEverySubscriptionOfTheMetricAndItsReplayLog() {
    String plain = subscribe("s1", "select * from cpu where host = 'a'");
    String counting = subscribe("s2", "select count(*) from cpu group by host");
    long lsn = insert(bit("a", 1));

    List<SubscriptionRegistry.Failure<String>> ended = registry.invalidate(CPU, lsn, true, now);

    assertEquals(
        List.of("s1 " + plain + " STREAM_INVALIDATED", "s2 " + counting + " STREAM_INVALIDATED"),
        ended.stream().map(f -> f.subscriber() + " " + f.quid() + " " + f.error().code()).toList());
    assertEquals(new Counts(0, 0, 0, Map.of(), 0), counts(), "nothing of the metric is left");
  }

  @Test
  void aDeleteEndsOnlyTheSubscriptionsWhoseStateCountedPoints() {
    String plain = subscribe("s1", "select * from cpu where host = 'a'");
    subscribe("s2", "select count(*) from cpu group by host");
    subscribe("s3", "select distinct host from cpu");
    long lsn = insert(bit("a", 1));

    List<SubscriptionRegistry.Failure<String>> ended = registry.invalidate(CPU, lsn, false, now);

    assertEquals(
        List.of("s2", "s3"), ended.stream().map(SubscriptionRegistry.Failure::subscriber).toList());
    assertEquals(1, registry.subscriptionCount());
    insert(bit("a", 2));
    assertEquals(
        List.of("s1 " + plain + " #1 [1.0, 2.0]"),
        flush(now),
        "the plain subscription goes on, its frame reaching past the delete");
  }

  @Test
  void aQueryThatFailsOnABitEndsWithTheErrorAndOthersGoOn() {
    SubscriptionRegistry<String> limited =
        new SubscriptionRegistry<>(
            1, 2, new SubscriptionRegistry.ReplayWindow(10, REPLAY_AGE), () -> "q" + ++quids);
    Select grouped = select("select count(*) from cpu group by host");
    Select plain = select("select * from cpu");
    long lsn = cpu.storage.lastLsn();
    limited.subscribe(
        "s1", CPU, grouped, SCHEMA, cpu.live(grouped, now, 1), lsn, OptionalLong.empty(), 10, 10);
    limited.subscribe(
        "s2", CPU, plain, SCHEMA, cpu.live(plain, now), lsn, OptionalLong.empty(), 10, 10);

    // One group is allowed; a second host would be a second.
    List<SubscriptionRegistry.Failure<String>> ended =
        limited.published(CPU, List.of(bit("a", 1), bit("b", 2)), lsn + 1, now);

    assertEquals(1, ended.size());
    assertEquals("s1", ended.get(0).subscriber());
    assertEquals(ErrorCode.RESULT_TOO_LARGE, ended.get(0).error().code());
    assertEquals(1, limited.subscriptionCount(), "the plain subscription is untouched");
  }

  @Test
  void resumingAtTheHandOverPointMissedNothingEvenWithoutAReplayLog() {
    long lsn = insert(bit("a", 1));
    Registration resumed = resume("s1", "select * from cpu where host = 'a'", lsn);
    assertTrue(resumed.resumed());
    assertEquals(0, resumed.replayed());
    assertEquals(List.of(), resumed.history());
  }

  @Test
  void aQuietSubscriptionGetsProgressFramesThatMoveItsResumePoint() {
    subscribe("s1", "select * from cpu where host = 'a'");
    long start = now;
    flush(start); // the first look starts the progress clock
    long last = 0;
    for (int i = 0; i < 3; i++) {
      last = insert(bit("b", i));
    }
    assertEquals(List.of(), flush(start + REPLAY_AGE / 2 - 1), "not before half the window");
    now = start + REPLAY_AGE / 2;
    SubscriptionOutbox.Flush<ResultRow> progress = frameTo("s1");
    assertEquals(List.of(), progress.records(), "a progress frame carries no record");
    assertEquals(last, progress.lastLsn(), "it carries the metric's position: the resume point");
  }
}
