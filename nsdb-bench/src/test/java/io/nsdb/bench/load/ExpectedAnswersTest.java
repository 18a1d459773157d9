package io.nsdb.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The answers computed on the fly against the same answers computed naively from all points. */
class ExpectedAnswersTest {

  private record Point(Series series, long timestamp, double value) {}

  @Test
  void matchesBruteForceOnATinyDataset() {
    // 20 hosts, one point an hour: 72 instants, q6's one-hour window holds one of them.
    DatasetSpec spec = DatasetSpec.of(20 * 72, 20, 7);
    QueryParams params = spec.params();
    List<Point> points = new ArrayList<>();
    ExpectedAnswers expected = new ExpectedAnswers(params);
    DatasetGenerator.generate(
        spec,
        PointSink.both(
            expected,
            (series, ts, hundredths) -> points.add(new Point(series, ts, hundredths / 100.0))));

    Map<String, ExpectedAnswers.Answer> answers = expected.answers();
    assertEquals(new ExpectedAnswers.Answer(1, 1440), answers.get("q1"));

    List<Point> probe =
        points.stream().filter(p -> p.series().host().equals(params.probeHost())).toList();
    double probeAvg = probe.stream().mapToDouble(Point::value).average().orElseThrow();
    assertMatches(1, probeAvg, answers.get("q2"));

    Map<String, Double> maxLast12 =
        points.stream()
            .filter(p -> p.timestamp() >= params.last12FromMs() && p.timestamp() < params.endMs())
            .collect(Collectors.toMap(p -> p.series().host(), Point::value, Math::max));
    assertMatches(20, sum(maxLast12.values()), answers.get("q3"));

    Map<Long, List<Double>> byHour = new TreeMap<>();
    for (Point p : points) {
      if (p.series().region().equals(params.probeRegion())) {
        byHour
            .computeIfAbsent((p.timestamp() - params.startMs()) / 3_600_000, h -> new ArrayList<>())
            .add(p.value());
      }
    }
    double averages = 0;
    for (List<Double> values : byHour.values()) {
      averages += sum(values) / values.size();
    }
    assertMatches(72, averages, answers.get("q4"));

    Map<String, Point> latest =
        points.stream()
            .collect(
                Collectors.toMap(
                    p -> p.series().host(),
                    p -> p,
                    (a, b) -> a.timestamp() >= b.timestamp() ? a : b));
    assertMatches(20, sum(latest.values().stream().map(Point::value).toList()), answers.get("q5"));

    List<Double> window =
        probe.stream()
            .filter(p -> p.timestamp() >= params.w0Ms() && p.timestamp() < params.w1Ms())
            .map(Point::value)
            .toList();
    assertEquals(1, window.size());
    assertMatches(1, sum(window), answers.get("q6"));
  }

  @Test
  void theWalkStaysWithinZeroAndAHundred() {
    List<Long> values = new ArrayList<>();
    DatasetGenerator.generate(
        DatasetSpec.of(10 * 7200, 10, 1), (series, ts, hundredths) -> values.add(hundredths));
    assertEquals(72_000, values.size());
    assertTrue(values.stream().allMatch(v -> v >= 0 && v <= 10_000));
  }

  @Test
  void reflectsAtTheBounds() {
    assertEquals(50, DatasetGenerator.step(100, -1.5)); // 1.00 - 1.50 = -0.50 → 0.50
    assertEquals(9_950, DatasetGenerator.step(9_900, 1.5)); // 99.00 + 1.50 = 100.50 → 99.50
    assertEquals(5_731, DatasetGenerator.step(5_700, 0.314)); // rounded to hundredths
  }

  @Test
  void tagsFollowTheGenerator() {
    DatasetSpec spec = DatasetSpec.of(1000 * 72, 1000, 42);
    assertEquals(new Series("host_0042", "region_2", "dc_2_1"), spec.series(42));
    assertEquals(new Series("host_0999", "region_9", "dc_9_0"), spec.series(999));
    assertEquals("host_0492", spec.params().probeHost());
    assertEquals("region_3", spec.params().probeRegion());
    assertEquals(259_200L, DatasetSpec.of(1000 * 1000, 1000, 42).intervalMs());
  }

  private static void assertMatches(long rows, double sum, ExpectedAnswers.Answer actual) {
    assertEquals(rows, actual.rows());
    assertEquals(sum, actual.sum(), 1e-9 * Math.max(1, Math.abs(sum)));
  }

  private static double sum(java.util.Collection<Double> values) {
    return values.stream().sorted(Comparator.naturalOrder()).mapToDouble(Double::doubleValue).sum();
  }
}
