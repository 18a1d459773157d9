package io.nsdb.core.codec;

import java.util.Random;

/**
 * The reference dataset of {@code bench/gen_data.py}, series by series: regular timestamps every
 * {@value #INTERVAL_MS} ms from 2024-01-01, values a random walk in [0, 100] with Gaussian steps of
 * sigma 1.5, reflected at the bounds and rounded to two decimals. Python's generator cannot be
 * reproduced here; {@link Random#nextGaussian()} gives the same distribution, which is what sizes
 * depend on.
 */
final class ReferenceData {

  static final long START_MS = 1_704_067_200_000L;
  static final long INTERVAL_MS = 25_920;

  private final Random random;

  ReferenceData(long seed) {
    this.random = new Random(seed);
  }

  /** Fills {@code timestamps} and {@code values} (raw double bits) with the next series. */
  void nextSeries(long[] timestamps, long[] values, int points) {
    double v = round2(20.0 + 60.0 * random.nextDouble());
    for (int s = 0; s < points; s++) {
      v += random.nextGaussian() * 1.5;
      if (v < 0.0) {
        v = -v;
      } else if (v > 100.0) {
        v = 200.0 - v;
      }
      v = round2(v);
      timestamps[s] = START_MS + s * INTERVAL_MS;
      values[s] = Double.doubleToRawLongBits(v);
    }
  }

  /** The double nearest to {@code v} rounded to two decimals, as Python's {@code round(v, 2)}. */
  static double round2(double v) {
    return Math.rint(v * 100.0) / 100.0;
  }
}
