package io.nsdb.core.query;

import io.nsdb.core.model.Bit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random bits for the live-query tests, over dimensions {@code host} (VARCHAR) and {@code cores}
 * (BIGINT, sometimes offered as an Integer) and tags {@code region} (VARCHAR) and {@code weight}
 * (DECIMAL, with 0.0 and -0.0, sometimes offered as a Long), any of which a bit may lack. Values
 * come from small sets, so groups, distinct values and first/last ties repeat. DECIMAL values are
 * quarters: every sum of them is exact in whatever order it is summed, so a live sum and a fresh
 * query's sum are equal, not merely close; a DECIMAL metric is sometimes offered a Long value.
 */
final class LiveData {

  private static final String[] HOSTS = {"h0", "h1", "h2", "h3"};
  private static final String[] REGIONS = {"eu", "us", "ap"};
  private static final Object[] WEIGHTS = {0.0, -0.0, 1.5, 2L};

  private final Random random;
  private final boolean decimal;

  LiveData(Random random, boolean decimal) {
    this.random = random;
    this.decimal = decimal;
  }

  /** A bit with every column, so that a metric's schema knows them all. */
  Bit full(long timestamp) {
    return new Bit(
        timestamp,
        decimal ? (Number) 0.25 : (Number) 1L,
        Map.of("host", "h0", "cores", 1L),
        Map.of("region", "eu", "weight", 1.5));
  }

  /**
   * {@code count} bits with timestamps in {@code [from, to]}, on a 500 ms grid so that equal
   * timestamps (first/last ties, duplicates) are common.
   */
  List<Bit> bits(int count, long from, long to) {
    List<Bit> bits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bits.add(bit(from + 500 * random.nextLong((to - from) / 500 + 1)));
    }
    return bits;
  }

  Bit bit(long timestamp) {
    Map<String, Object> dimensions = new HashMap<>();
    Map<String, Object> tags = new HashMap<>();
    if (random.nextInt(6) != 0) {
      dimensions.put("host", HOSTS[random.nextInt(HOSTS.length)]);
    }
    if (random.nextInt(4) != 0) {
      int cores = 1 + random.nextInt(3);
      dimensions.put("cores", random.nextBoolean() ? (Object) cores : (Object) (long) cores);
    }
    if (random.nextInt(5) != 0) {
      tags.put("region", REGIONS[random.nextInt(REGIONS.length)]);
    }
    if (random.nextInt(3) != 0) {
      tags.put("weight", WEIGHTS[random.nextInt(WEIGHTS.length)]);
    }
    return new Bit(timestamp, value(), dimensions, tags);
  }

  private Number value() {
    int n = random.nextInt(21) - 10;
    if (!decimal) {
      return (long) n;
    }
    return switch (random.nextInt(10)) {
      case 0 -> -0.0;
      case 1 -> (long) n; // widened to a Double by the schema
      default -> n / 4.0;
    };
  }
}
