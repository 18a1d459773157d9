package io.nsdb.core.commitlog;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random log entries that reach the corners: extreme numbers, -0.0, unicode, empty strings. */
final class RandomEntries {

  private static final String[] NAMES = {"db", "ns", "cpu", "host", "region", "_x", "a1", "Z_9"};
  private static final String[] STRINGS = {
    "", "a", "server-1", "eu-west", "ünïcödé", "日本語", "emoji \uD83D\uDE00", "tab\tnew\nline",
  };
  private static final long[] LONGS = {
    0, 1, -1, 63, 64, -64, -65, 127, 128, 1L << 35, Long.MAX_VALUE, Long.MIN_VALUE,
  };
  private static final double[] DOUBLES = {
    0.0, -0.0, 1.5, -2.25, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Math.PI,
  };

  private final Random random;

  RandomEntries(Random random) {
    this.random = random;
  }

  LogEntry entry() {
    return switch (random.nextInt(10)) {
      case 0 -> new LogEntry.Delete(metric(), "value > " + longValue() + " AND host = 'x''y'");
      case 1 -> new LogEntry.DropMetric(metric());
      case 2 -> new LogEntry.DropNamespace(name(), name());
      default -> insert(1 + (random.nextInt(4) == 0 ? random.nextInt(50) : random.nextInt(4)));
    };
  }

  LogEntry.Insert insert(int bits) {
    List<Bit> list = new ArrayList<>(bits);
    long timestamp = timestamp();
    for (int i = 0; i < bits; i++) {
      timestamp = random.nextInt(5) == 0 ? timestamp() : timestamp + random.nextInt(2000) - 100;
      list.add(bit(timestamp));
    }
    return new LogEntry.Insert(metric(), list);
  }

  Bit bit(long timestamp) {
    Number value = random.nextBoolean() ? (Number) longValue() : (Number) doubleValue();
    Map<String, Object> dimensions = new HashMap<>();
    Map<String, Object> tags = new HashMap<>();
    int columns = random.nextInt(5);
    for (int c = 0; c < columns; c++) {
      String name = name();
      if (dimensions.containsKey(name) || tags.containsKey(name)) {
        continue;
      }
      (random.nextBoolean() ? dimensions : tags).put(name, columnValue());
    }
    return new Bit(timestamp, value, dimensions, tags);
  }

  MetricKey metric() {
    return new MetricKey(name(), name(), name());
  }

  private String name() {
    return NAMES[random.nextInt(NAMES.length)];
  }

  private Object columnValue() {
    return switch (random.nextInt(4)) {
      case 0 ->
          random.nextInt(3) == 0
              ? "s" + random.nextInt(1000)
              : STRINGS[random.nextInt(STRINGS.length)];
      case 1 -> random.nextBoolean() ? random.nextInt() : (int) longValue();
      case 2 -> longValue();
      default -> doubleValue();
    };
  }

  private long timestamp() {
    return switch (random.nextInt(4)) {
      case 0 -> LONGS[random.nextInt(LONGS.length)];
      case 1 -> -random.nextLong(1L << 45);
      default -> 1_700_000_000_000L + random.nextLong(1L << 35);
    };
  }

  private long longValue() {
    return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong();
  }

  private double doubleValue() {
    return random.nextBoolean()
        ? DOUBLES[random.nextInt(DOUBLES.length)]
        : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
  }
}
