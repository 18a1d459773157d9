package io.nsdb.bench.load;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact answer of each reference query, computed from the points as they go by and reduced as
 * the peer harness reduces an answer: (number of rows, sum of the value column). Values are summed
 * in hundredths as longs, and the averages of q2 and q4 divided in decimal, so the only rounding is
 * the final conversion to a double.
 */
final class ExpectedAnswers implements PointSink {

  /** An answer reduced to its rows and the sum of its value column. */
  record Answer(long rows, double sum) {

    /** Same rows, and sums equal within 1e-6 relative (as the peer harness compares them). */
    boolean matches(Answer expected) {
      return rows == expected.rows
          && Math.abs(sum - expected.sum) <= 1e-6 * Math.max(1.0, Math.abs(expected.sum));
    }
  }

  private static final MathContext DIVISION = MathContext.DECIMAL128;

  private final QueryParams params;
  private long count;
  private long probeSum;
  private long probeCount;
  private final Map<String, Long> maxLast12ByHost = new HashMap<>();
  private final TreeMap<Long, long[]> regionSumAndCountByHour = new TreeMap<>();
  private final Map<String, Long> lastByHost = new HashMap<>();
  private long windowSum;
  private long windowCount;

  ExpectedAnswers(QueryParams params) {
    this.params = params;
  }

  @Override
  public void point(Series series, long timestampMs, long hundredths) {
    count++;
    boolean inRange = timestampMs >= params.startMs() && timestampMs < params.endMs();
    if (series.host().equals(params.probeHost())) {
      probeSum += hundredths;
      probeCount++;
      if (timestampMs >= params.w0Ms() && timestampMs < params.w1Ms()) {
        windowSum += hundredths;
        windowCount++;
      }
    }
    if (timestampMs >= params.last12FromMs() && timestampMs < params.endMs()) {
      maxLast12ByHost.merge(series.host(), hundredths, Math::max);
    }
    if (inRange && series.region().equals(params.probeRegion())) {
      long hour = Math.floorDiv(timestampMs - params.startMs(), DatasetSpec.HOUR_MS);
      long[] sumAndCount = regionSumAndCountByHour.computeIfAbsent(hour, h -> new long[2]);
      sumAndCount[0] += hundredths;
      sumAndCount[1]++;
    }
    // Points come in time order: the last one seen of a host is its latest.
    lastByHost.put(series.host(), hundredths);
  }

  /** q1 to q6, in order. */
  Map<String, Answer> answers() {
    Map<String, Answer> answers = new LinkedHashMap<>();
    answers.put("q1", new Answer(1, count));
    answers.put(
        "q2",
        probeCount == 0
            ? new Answer(0, 0)
            : new Answer(1, average(probeSum, probeCount).doubleValue()));
    answers.put("q3", new Answer(maxLast12ByHost.size(), hundredthsToDouble(sum(maxLast12ByHost))));
    BigDecimal averages = BigDecimal.ZERO;
    for (long[] sumAndCount : regionSumAndCountByHour.values()) {
      averages = averages.add(average(sumAndCount[0], sumAndCount[1]));
    }
    answers.put("q4", new Answer(regionSumAndCountByHour.size(), averages.doubleValue()));
    answers.put("q5", new Answer(lastByHost.size(), hundredthsToDouble(sum(lastByHost))));
    answers.put("q6", new Answer(windowCount, hundredthsToDouble(windowSum)));
    return answers;
  }

  private static BigDecimal average(long hundredthsSum, long count) {
    return BigDecimal.valueOf(hundredthsSum, 2).divide(BigDecimal.valueOf(count), DIVISION);
  }

  private static long sum(Map<String, Long> hundredthsByHost) {
    long sum = 0;
    for (long value : hundredthsByHost.values()) {
      sum += value;
    }
    return sum;
  }

  private static double hundredthsToDouble(long hundredths) {
    return BigDecimal.valueOf(hundredths, 2).doubleValue();
  }
}
