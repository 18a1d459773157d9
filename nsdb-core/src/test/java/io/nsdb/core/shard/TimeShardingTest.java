package io.nsdb.core.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeShardingTest {

  private final TimeSharding daily = new TimeSharding(Duration.ofDays(1));
  private static final long DAY = 86_400_000L;

  @Test
  void shardsAreAlignedToTheEpochAndHalfOpen() {
    assertEquals(0, daily.floor(0));
    assertEquals(0, daily.floor(DAY - 1));
    assertEquals(DAY, daily.floor(DAY));
    assertEquals(DAY, daily.end(0));
    assertTrue(daily.sameShard(1, DAY - 1));
    assertFalse(daily.sameShard(DAY - 1, DAY));
  }

  @Test
  void negativeTimestampsFloorDownward() {
    assertEquals(-DAY, daily.floor(-1));
    assertEquals(-DAY, daily.floor(-DAY));
    assertEquals(-2 * DAY, daily.floor(-DAY - 1));
  }

  @Test
  void directoryNamesRoundTripAndForeignNamesAreRefused() {
    for (long start : new long[] {0, DAY, -DAY, 19_723 * DAY}) {
      assertEquals(Optional.of(start), daily.parse(daily.directoryName(start)));
    }
    assertEquals("shard_86400000_172800000", daily.directoryName(DAY));
    assertEquals(Optional.empty(), daily.parse("shard_1_86400001"));
    assertEquals(Optional.empty(), daily.parse("shard_0_3600000"));
    assertEquals(Optional.empty(), daily.parse("segments_1"));
  }

  @Test
  void overlapAndExpiry() {
    assertTrue(daily.overlaps(DAY, DAY - 1, DAY));
    assertTrue(daily.overlaps(DAY, 2 * DAY - 1, 5 * DAY));
    assertFalse(daily.overlaps(DAY, 2 * DAY, 5 * DAY));
    assertFalse(daily.overlaps(DAY, 0, DAY - 1));
    assertTrue(daily.expired(0, DAY));
    assertFalse(daily.expired(0, DAY - 1));
  }

  @Test
  void theLastShardEndsAtTheEndOfTime() {
    long last = daily.floor(Long.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, daily.end(last));
    assertTrue(daily.overlaps(last, Long.MAX_VALUE, Long.MAX_VALUE));
  }
}
