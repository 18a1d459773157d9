package io.nsdb.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay log on its own: what it keeps, and from which resume points it can replay. LSNs have
 * gaps, as a metric's do (the gaps are other metrics' writes).
 */
class ReplayLogTest {

  private static Bit bit(long lsn) {
    return new Bit(lsn, (double) lsn, Map.of("host", "a"), Map.of());
  }

  private static List<ReplayLog.Entry> entries(ReplayLog log) {
    List<ReplayLog.Entry> entries = new ArrayList<>();
    log.entries().forEach(entries::add);
    return entries;
  }

  private static List<Long> lsns(ReplayLog log) {
    return entries(log).stream().map(ReplayLog.Entry::lsn).toList();
  }

  /** Checks covers() exactly at, just below and just above {@code horizon}. */
  private static void assertHorizon(long horizon, ReplayLog log) {
    assertEquals(horizon, log.horizon());
    assertTrue(log.covers(horizon), "at the horizon: every later bit is kept");
    assertTrue(log.covers(horizon + 1), "above the horizon");
    assertFalse(log.covers(horizon - 1), "below the horizon: the bit at the horizon is gone");
  }

  @Test
  void aNewLogCoversItsStartAndNothingBefore() {
    ReplayLog log = new ReplayLog(10, 3, 1_000);
    assertEquals(0, log.size());
    assertHorizon(10, log);
  }

  @Test
  void evictionByCapacityMovesTheHorizonToTheLastBitEvicted() {
    ReplayLog log = new ReplayLog(10, 3, 1_000);
    log.append(bit(11), 11, 0);
    log.append(bit(13), 13, 0);
    log.append(bit(14), 14, 0);
    assertEquals(List.of(11L, 13L, 14L), lsns(log));
    assertHorizon(10, log); // full, nothing evicted yet

    log.append(bit(17), 17, 0);
    assertEquals(List.of(13L, 14L, 17L), lsns(log));
    assertHorizon(11, log);
    assertTrue(log.covers(12), "12 is another metric's: every bit of this one after it is kept");

    log.append(bit(18), 18, 0);
    assertEquals(3, log.size());
    assertHorizon(13, log);
  }

  @Test
  void evictionByAgeMovesTheHorizonToTheLastBitEvicted() {
    ReplayLog log = new ReplayLog(20, 100, 1_000);
    log.append(bit(21), 21, 0);
    log.append(bit(25), 25, 100);
    log.append(bit(30), 30, 200);

    log.expire(1_000);
    assertEquals(List.of(21L, 25L, 30L), lsns(log), "exactly the maximum age old: kept");
    assertHorizon(20, log);

    log.expire(1_001);
    assertEquals(List.of(25L, 30L), lsns(log));
    assertHorizon(21, log);

    log.expire(1_200);
    assertEquals(List.of(30L), lsns(log));
    assertHorizon(25, log);

    log.expire(10_000);
    assertEquals(0, log.size());
    assertHorizon(30, log); // empty, yet a client that saw 30 missed nothing
  }

  @Test
  void entriesKeepTheBitAndTheClockReadingItWasMatchedAt() {
    ReplayLog log = new ReplayLog(0, 10, 1_000);
    log.append(bit(1), 1, 500);
    assertEquals(List.of(new ReplayLog.Entry(bit(1), 1, 500)), entries(log));
  }

  @Test
  void boundsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ReplayLog(0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplayLog(0, 1, 0));
  }
}
