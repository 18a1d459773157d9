package io.nsdb.core.stream;

import io.nsdb.core.model.Bit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random bits and random WHERE clauses over {@link StreamFixtures#SCHEMA}, drawn from small value
 * sets so that equalities, ranges and patterns hit often, with the type edge cases mixed in (1 vs
 * 1.0, -0.0, Integer vs Long, missing columns, now-relative times).
 */
final class RandomStream {

  static final long NOW = 1_700_000_000_000L;

  private static final List<Object> CORES = List.of(0L, 1L, 2, 3L, 4, 9007199254740993L);
  private static final List<Double> LOADS = List.of(0.0, -0.0, 1.0, 1.5, 2.0, 3.0);
  private static final List<String> CORE_LITERALS =
      List.of("0", "1", "1.0", "2", "2.5", "9007199254740992", "9007199254740993", "-0.0");
  private static final List<String> RANGE_BOUNDS =
      List.of("-0.0", "0", "1", "1.0", "2", "2.5", "9007199254740992", "9007199254740993");
  private static final List<String> LOAD_LITERALS = List.of("0", "-0.0", "1", "1.0", "1.5", "3");

  private final Random random;

  RandomStream(Random random) {
    this.random = random;
  }

  Bit bit() {
    Map<String, Object> dimensions = new HashMap<>();
    Map<String, Object> tags = new HashMap<>();
    maybe(dimensions, "host", "h" + random.nextInt(6));
    maybe(dimensions, "region", pick(List.of("eu", "us", "ap")));
    maybe(dimensions, "cores", pick(CORES));
    maybe(dimensions, "load", pick(LOADS));
    maybe(tags, "dc", pick(List.of("a", "b")));
    maybe(tags, "rack", (long) random.nextInt(3));
    long timestamp = NOW - random.nextInt(20) * 1000L + random.nextInt(3) - 1;
    Number value = random.nextBoolean() ? (Number) (long) random.nextInt(4) : pick(LOADS);
    return new Bit(timestamp, value, dimensions, tags);
  }

  /** A clock reading near the bits' timestamps. */
  long now() {
    return NOW + random.nextInt(5) * 1000L - 2000;
  }

  /** A WHERE clause; often with equalities on top, so the index is exercised. */
  String where() {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> equality();
      case 2, 3 -> equality() + " and " + condition(2);
      case 4 -> equality() + " and " + equality() + " and " + condition(1);
      default -> condition(3);
    };
  }

  private String condition(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return atom();
    }
    return switch (random.nextInt(4)) {
      case 0 -> "(" + condition(depth - 1) + " and " + condition(depth - 1) + ")";
      case 1 -> "(" + condition(depth - 1) + " or " + condition(depth - 1) + ")";
      case 2 -> "not (" + condition(depth - 1) + ")";
      default -> atom();
    };
  }

  private String equality() {
    return switch (random.nextInt(7)) {
      case 0, 1 -> "host = 'h" + random.nextInt(6) + "'";
      case 2 -> "region = '" + pick(List.of("eu", "us", "ap")) + "'";
      case 3 -> "cores = " + pick(CORE_LITERALS);
      case 4 -> "load = " + pick(LOAD_LITERALS);
      case 5 -> "rack = " + random.nextInt(3);
      default -> "value = " + pick(List.of("0", "1", "1.0", "1.5", "2"));
    };
  }

  private String atom() {
    return switch (random.nextInt(12)) {
      case 0 -> equality();
      case 1 -> "host <> 'h" + random.nextInt(6) + "'";
      case 2 -> "host like '" + pick(List.of("h$", "h1", "$2", "x$")) + "'";
      case 3 -> pick(List.of("host", "region", "cores", "load", "dc", "rack")) + " is null";
      case 4 -> pick(List.of("host", "region", "cores", "load", "dc", "rack")) + " is not null";
      case 5 -> range();
      case 6 -> "load " + pick(List.of("<", "<=", ">", ">=")) + " " + pick(LOAD_LITERALS);
      case 7 ->
          "timestamp " + pick(List.of(">", ">=", "<", "=")) + " now - " + random.nextInt(10) + "s";
      case 8 -> "timestamp in (now - " + random.nextInt(10) + "s, now)";
      case 9 -> "value " + pick(List.of("<", ">=", "<>")) + " " + pick(LOAD_LITERALS);
      case 10 -> "dc = '" + pick(List.of("a", "b")) + "'";
      default -> "region like '$" + pick(List.of("u", "s", "e")) + "'";
    };
  }

  /** An IN over bounds in order (the parser refuses an empty range). */
  private String range() {
    int lower = random.nextInt(RANGE_BOUNDS.size());
    int upper = lower + random.nextInt(RANGE_BOUNDS.size() - lower);
    return "cores in (" + RANGE_BOUNDS.get(lower) + ", " + RANGE_BOUNDS.get(upper) + ")";
  }

  private void maybe(Map<String, Object> columns, String name, Object value) {
    if (random.nextInt(5) != 0) {
      columns.put(name, value);
    }
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
