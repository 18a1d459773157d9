package io.nsdb.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void fiveRunsGiveTheMiddleAsMedianAndTheSlowestAsP99() {
    LatencySummary summary = LatencySummary.ofMillis(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
    assertEquals(new LatencySummary(5, 3.0, 5.0, 5.0, 5.0), summary);
  }

  @Test
  void anEvenCountAveragesTheMiddleTwo() {
    assertEquals(2.5, LatencySummary.ofMillis(List.of(4.0, 1.0, 2.0, 3.0)).p50Ms());
  }

  @Test
  void percentilesByNearestRank() {
    List<Double> hundred = new java.util.ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      hundred.add((double) i);
    }
    LatencySummary summary = LatencySummary.ofMillis(hundred);
    assertEquals(90.0, summary.p90Ms());
    assertEquals(99.0, summary.p99Ms());
    assertEquals(100.0, summary.maxMs());
  }

  @Test
  void aHistogramOfMicrosecondsInMilliseconds() {
    Histogram micros = new Histogram(3);
    for (int i = 1; i <= 1000; i++) {
      micros.recordValue(i * 1000L); // 1 ms .. 1000 ms
    }
    LatencySummary summary = LatencySummary.ofMicros(micros);
    assertEquals(1000, summary.count());
    assertEquals(500.0, summary.p50Ms(), 0.5);
    assertEquals(990.0, summary.p99Ms(), 1.0);
    assertEquals(1000.0, summary.maxMs(), 1.0);
  }
}
