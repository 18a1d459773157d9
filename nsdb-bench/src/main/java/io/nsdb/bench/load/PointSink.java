package io.nsdb.bench.load;

/**
 * Receives the dataset's points in file order. Values are in hundredths: the dataset has two
 * decimals, and whole numbers keep the expected answers exact.
 */
interface PointSink {

  void point(Series series, long timestampMs, long hundredths);

  /** Called once after the last point. */
  default void finish() {}

  /** Both sinks, in order. */
  static PointSink both(PointSink first, PointSink second) {
    return new PointSink() {
      @Override
      public void point(Series series, long timestampMs, long hundredths) {
        first.point(series, timestampMs, hundredths);
        second.point(series, timestampMs, hundredths);
      }

      @Override
      public void finish() {
        first.finish();
        second.finish();
      }
    };
  }

  /** "57.31" for 5731: the two-decimal form {@code gen_data.py} writes. */
  static String decimal(long hundredths) {
    long cents = hundredths % 100;
    return hundredths / 100 + (cents < 10 ? ".0" : ".") + cents;
  }
}
