package io.nsdb.bench.load;

import java.util.SplittableRandom;

/**
 * Generates the reference dataset of the peer benchmark: each host's value is a bounded random walk
 * in [0, 100] with two decimals (start uniform in [20, 80], steps Gaussian with σ = 1.5, reflected
 * at the bounds), all hosts at the same instants, instant by instant, hosts in order.
 *
 * <p>Same shape and sizes as {@code gen_data.py}, not the same values: Python's generator is not
 * reproduced, so the expected answers are computed here too (see {@link ExpectedAnswers}). To
 * replay the peers' very file, use {@link ReferenceFile}.
 */
final class DatasetGenerator {

  private DatasetGenerator() {}

  static void generate(DatasetSpec spec, PointSink sink) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    Series[] series = new Series[spec.hosts()];
    long[] hundredths = new long[spec.hosts()];
    for (int h = 0; h < spec.hosts(); h++) {
      series[h] = spec.series(h);
      hundredths[h] = Math.round(random.nextDouble(20.0, 80.0) * 100);
    }
    long interval = spec.intervalMs();
    for (long slot = 0; slot < spec.slots(); slot++) {
      long timestamp = spec.startMs() + slot * interval;
      for (int h = 0; h < hundredths.length; h++) {
        hundredths[h] = step(hundredths[h], random.nextGaussian(0.0, 1.5));
        sink.point(series[h], timestamp, hundredths[h]);
      }
    }
    sink.finish();
  }

  /** One step of the walk, reflected into [0, 100], rounded to hundredths. */
  static long step(long hundredths, double delta) {
    double value = hundredths / 100.0 + delta;
    if (value < 0.0) {
      value = -value;
    } else if (value > 100.0) {
      value = 200.0 - value;
    }
    return Math.round(value * 100);
  }
}
