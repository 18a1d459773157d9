package io.nsdb.core.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nsdb.core.commitlog.SeededRandomExtension;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sorting a buffer's points by time: ordered, and stable for equal timestamps. */
@ExtendWith(SeededRandomExtension.class)
class SortedPointsTest {

  @Test
  void sortsByTimeKeepingArrivalOrderOfEqualTimestamps(Random random) {
    for (int round = 0; round < 500; round++) {
      int n = random.nextInt(1, 1500);
      long[] ts = new long[n];
      long[] vs = new long[n];
      boolean nearlySorted = random.nextBoolean();
      for (int i = 0; i < n; i++) {
        // Few distinct timestamps make ties common; nearly sorted input is the usual shape.
        ts[i] = nearlySorted ? i / 10 * 10 + (random.nextInt(20) - 10) : random.nextInt(50);
        vs[i] = i; // the arrival order, to check stability
      }
      Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      long[] original = ts.clone();
      Arrays.sort(order, Comparator.comparingLong(i -> original[i])); // stable
      long[] expectedTs = Arrays.stream(order).mapToLong(i -> original[i]).toArray();
      long[] expectedVs = Arrays.stream(order).mapToLong(i -> i).toArray();

      SortedPoints.sortByTime(ts, vs);

      assertArrayEquals(expectedTs, ts);
      assertArrayEquals(expectedVs, vs);
    }
  }
}
