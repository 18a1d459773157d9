package io.nsdb.core.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.shard.TimeSharding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MetricHeadTest {

  private final TimeSharding hourly = new TimeSharding(Duration.ofHours(1));

  private static Bit bit(long ts, double value, String host) {
    return new Bit(ts, value, Map.of("host", host), Map.of());
  }

  @Test
  void aBufferIsHandedOverWhenFull() {
    MetricHead head = new MetricHead(3);

    List<SeriesBuffer> full =
        head.append(
            List.of(bit(1, 1, "a"), bit(2, 2, "a"), bit(3, 1, "b"), bit(4, 3, "a")), 10, hourly, 0);

    assertEquals(1, full.size());
    assertEquals(3, full.get(0).size());
    assertEquals(10, full.get(0).firstLsn());
    assertEquals(13, full.get(0).lastLsn());
    assertEquals(1, head.points());
    assertEquals(OptionalLong.of(12), head.oldestLsn());
  }

  @Test
  void eachShardOfASeriesHasItsOwnBuffer() {
    MetricHead head = new MetricHead(100);
    long hour = 3_600_000;

    head.append(
        List.of(bit(hour - 1, 1, "a"), bit(hour, 2, "a"), bit(hour - 2, 3, "a")), 1, hourly, 0);

    assertEquals(2, head.bufferCount());
    List<SeriesBuffer> detached = head.detach(b -> b.shardStart() == 0);
    assertEquals(1, detached.size());
    SortedPoints points = detached.get(0).sortedCopy();
    assertArrayEquals(new long[] {hour - 2, hour - 1}, points.timestamps());
    assertArrayEquals(
        new long[] {Double.doubleToRawLongBits(3), Double.doubleToRawLongBits(1)}, points.values());
  }

  @Test
  void aSortedCopyIsReusedUntilTheNextAppend() {
    MetricHead head = new MetricHead(100);
    head.append(List.of(bit(2, 2, "a"), bit(1, 1, "a")), 1, hourly, 0);
    SeriesBuffer buffer = head.buffers().iterator().next();

    SortedPoints before = buffer.sortedCopy();
    assertSame(before, buffer.sortedCopy(), "no write in between: the same sorted points");
    head.append(List.of(bit(0, 5, "a")), 3, hourly, 0);
    SortedPoints after = buffer.sortedCopy();

    assertArrayEquals(new long[] {1, 2}, before.timestamps());
    assertArrayEquals(new long[] {0, 1, 2}, after.timestamps());
  }

  @Test
  void sortingIsStableForDuplicateTimestamps() {
    MetricHead head = new MetricHead(100);
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bits.add(bit(100 - (i % 5), i, "a"));
    }
    head.append(bits, 1, hourly, 0);

    SortedPoints points = head.detach(b -> true).get(0).sortedCopy();

    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.timestamps()[i - 1] <= points.timestamps()[i]);
      if (points.timestamps()[i - 1] == points.timestamps()[i]) {
        assertTrue(
            Double.longBitsToDouble(points.values()[i - 1])
                < Double.longBitsToDouble(points.values()[i]),
            "equal timestamps keep arrival order");
      }
    }
    assertEquals(0, head.points());
  }
}
