package io.nsdb.ws.lineprotocol;

import java.util.Locale;

/**
 * The unit of the timestamps in a line-protocol body, the {@code precision} parameter of {@code
 * POST /write}. NSDb stores epoch milliseconds, so finer units are floored to the millisecond:
 * sub-millisecond precision is dropped, and negative timestamps go down ({@code -1 ns} is {@code -1
 * ms}), never towards zero.
 */
public enum Precision {
  NANOSECONDS("ns", 1_000_000),
  MICROSECONDS("us", 1_000),
  MILLISECONDS("ms", 1),
  SECONDS("s", 1);

  private final String parameter;
  private final long divisor;

  Precision(String parameter, long divisor) {
    this.parameter = parameter;
    this.divisor = divisor;
  }

  /** The value of the {@code precision} parameter that selects this unit. */
  public String parameter() {
    return parameter;
  }

  /**
   * The unit named by a {@code precision} parameter: {@code ns} (also when absent or empty, as in
   * InfluxDB), {@code us} (or InfluxDB 1.x's {@code u}), {@code ms} or {@code s}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static Precision fromParameter(String parameter) {
    if (parameter == null || parameter.isEmpty()) {
      return NANOSECONDS;
    }
    return switch (parameter.toLowerCase(Locale.ROOT)) {
      case "ns", "n" -> NANOSECONDS;
      case "us", "u" -> MICROSECONDS;
      case "ms" -> MILLISECONDS;
      case "s" -> SECONDS;
      default ->
          throw new IllegalArgumentException(
              "unknown precision [precision=" + parameter + ", expected=ns|us|ms|s]");
    };
  }

  /**
   * A timestamp of this unit as epoch milliseconds, floored.
   *
   * @throws ArithmeticException if seconds overflow a long of milliseconds
   */
  public long toMillis(long timestamp) {
    if (this == SECONDS) {
      return Math.multiplyExact(timestamp, 1_000L);
    }
    return divisor == 1 ? timestamp : Math.floorDiv(timestamp, divisor);
  }
}
