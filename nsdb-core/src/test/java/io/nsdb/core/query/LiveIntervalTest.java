package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.query.LiveHarness.Emitted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GROUP BY INTERVAL live: which bits are late (their bucket closed: it ended the SINCE grace
 * period, or 0, before now), that they are counted exactly and change nothing, and that closed
 * buckets are forgotten so memory holds only the open ones. {@code NOW} is a multiple of 10 s.
 */
class LiveIntervalTest {

  private static final long S = 1000;

  @TempDir Path data;
  private LiveHarness harness;

  private LiveHarness open(QueryLimits limits) {
    harness = new LiveHarness(data, 4, limits);
    return harness;
  }

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Bit bit(long timestamp) {
    return new Bit(timestamp, 1L, Map.of("host", "h0"), Map.of());
  }

  private static List<Emitted> accept(LiveQuery live, long now, long... timestamps) {
    List<Emitted> emitted = new ArrayList<>();
    for (long timestamp : timestamps) {
      live.accept(bit(timestamp), now, (key, row) -> emitted.add(new Emitted(key, row)));
    }
    return emitted;
  }

  private LiveQuery live(String sql, long now) {
    return harness.engine.live(CPU, LiveHarness.parse(sql), now);
  }

  @Test
  void bitsForBucketsClosedBeyondSinceAreCountedAndIgnored() {
    open(QueryLimits.DEFAULTS).insert(CPU, List.of(bit(NOW - 25 * S), bit(NOW - 100 * S)));
    LiveQuery live = live("select count(*) from cpu group by interval 10s since 30s", NOW);
    // [now-40s, now-30s) ended exactly 30 s ago: closed. [now-30s, now-20s) is still open.
    List<Emitted> emitted = accept(live, NOW, NOW - 35 * S, NOW - 31 * S, NOW - 25 * S);
    assertEquals(2, live.lateIgnored());
    assertEquals(1, emitted.size());
    assertEquals(NOW - 30 * S, emitted.get(0).key());
    assertEquals(2L, emitted.get(0).row().value(), "the stored bit and the new one");
    assertEquals(NOW - 30 * S, emitted.get(0).row().timestamp());
  }

  @Test
  void aBitWithinTheGracePeriodStillUpdatesItsBucketAsNowMovesOn() {
    open(QueryLimits.DEFAULTS).insert(CPU, List.of(bit(NOW - 5 * S)));
    LiveQuery live = live("select count(*) from cpu group by interval 10s since 30s", NOW);
    // 15 s later, [now-10s, now) ended 15 s ago: within the 30 s of grace.
    List<Emitted> emitted = accept(live, NOW + 15 * S, NOW - 2 * S);
    assertEquals(List.of(new Emitted(NOW - 10 * S, row(NOW - 10 * S, 2L))), emitted);
    // 25 s later still, it ended 40 s ago: closed.
    assertEquals(List.of(), accept(live, NOW + 40 * S, NOW - 1 * S));
    assertEquals(1, live.lateIgnored());
  }

  @Test
  void aBucketStaysOpenForItsWholeGracePeriodEvenForBitsOlderThanSince() {
    open(QueryLimits.DEFAULTS).insert(CPU, List.of(bit(NOW - 5 * S)));
    LiveQuery live = live("select count(*) from cpu group by interval 1m since 10s", NOW);
    long bucket = AggregateSelect.bucket(NOW - 5 * S, Duration.ofMinutes(1).toMillis());
    // Older than now - 10s, but its minute ends after now - 10s: taken, not late.
    List<Emitted> emitted = accept(live, NOW, Math.max(bucket, NOW - 55 * S));
    assertEquals(1, emitted.size());
    assertEquals(0, live.lateIgnored());
  }

  @Test
  void withoutSinceEveryBucketThatEndedIsClosed() {
    open(QueryLimits.DEFAULTS).insert(CPU, List.of(bit(NOW - 1)));
    LiveQuery live = live("select count(*) from cpu group by interval 10s", NOW);
    assertEquals(List.of(row(NOW - 10 * S, 1L)), live.history());
    // [now-10s, now) ended at now: closed; [now, now+10s) is open.
    List<Emitted> emitted = accept(live, NOW, NOW - 1, NOW);
    assertEquals(List.of(new Emitted(NOW, row(NOW, 1L))), emitted);
    assertEquals(1, live.lateIgnored());
  }

  @Test
  void aBitInAFutureBucketOpensIt() {
    open(QueryLimits.DEFAULTS).insert(CPU, List.of(bit(NOW)));
    LiveQuery live = live("select count(*), last(value) from cpu group by interval 10s", NOW);
    List<Emitted> emitted = accept(live, NOW, NOW + 3_600 * S + 1);
    assertEquals(1, emitted.size());
    assertEquals(NOW + 3_600 * S, emitted.get(0).key());
    assertEquals(Map.of("count(*)", 1L, "last(value)", 1L), emitted.get(0).row().tags());
  }

  @Test
  void expireForgetsClosedBucketsSoOnlyOpenOnesTakeMemory() {
    // At most 3 buckets: memory is bounded by the open ones, not by the life of the query.
    open(new QueryLimits(3, Duration.ofSeconds(30))).insert(CPU, List.of(bit(NOW)));
    LiveQuery live = live("select count(*) from cpu group by interval 10s", NOW);
    accept(live, NOW, NOW + 10 * S, NOW + 20 * S);
    NsdbException full = assertThrows(NsdbException.class, () -> accept(live, NOW, NOW + 30 * S));
    assertEquals(ErrorCode.RESULT_TOO_LARGE, full.code());
    // The failed bit changed nothing: the open buckets still count right.
    assertEquals(
        List.of(new Emitted(NOW + 20 * S, row(NOW + 20 * S, 2L))), accept(live, NOW, NOW + 20 * S));
    live.expire(NOW + 25 * S); // [now, now+10s) and [now+10s, now+20s) are closed by now
    assertEquals(
        List.of(new Emitted(NOW + 30 * S, row(NOW + 30 * S, 1L))),
        accept(live, NOW + 25 * S, NOW + 30 * S));
    assertEquals(List.of(), accept(live, NOW + 25 * S, NOW + 5 * S));
    assertEquals(1, live.lateIgnored());
  }

  @Test
  void otherQueriesIgnoreNothingAndExpireNothing() {
    open(QueryLimits.DEFAULTS).insert(CPU, List.of(bit(NOW)));
    LiveQuery live = live("select count(*) from cpu group by host", NOW);
    live.expire(NOW + 3_600_000);
    List<Emitted> emitted = accept(live, NOW + 3_600_000, NOW - 3_600_000);
    assertEquals(2L, emitted.get(0).row().value());
    assertEquals(0, live.lateIgnored());
  }

  private static ResultRow row(long bucket, long count) {
    return new ResultRow(bucket, count, Map.of(), Map.of("count(*)", count));
  }
}
