package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.LOAD;
import static io.nsdb.core.query.LiveHarness.NOW;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.testing.RandomSeedExtension;
import io.nsdb.sql.testing.Randomized;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central property of {@link LiveHarness#run} over random statements (every clause: WHERE with
 * AND/OR/NOT and now-relative times, every aggregation, GROUP BY a column or INTERVAL with and
 * without SINCE, ORDER BY, LIMIT), random data, random chunk sizes, flushes between batches, and a
 * random clock reading. {@code -Dtests.seed} replays a run; {@code -Dtests.multiplier} runs more
 * trials.
 */
@Randomized
class LiveQueryRandomizedTest {

  private static final String[] COLUMNS = {"host", "cores", "region", "weight"};
  private static final String[] AGGREGATIONS = {
    "count(*)",
    "count(host)",
    "count(weight)",
    "count(distinct region)",
    "count(distinct weight)",
    "count(distinct value)",
    "sum(value)",
    "min(value)",
    "max(value)",
    "avg(value)",
    "first(value)",
    "last(value)"
  };

  @TempDir Path data;

  @Test
  void liveQueriesAgreeWithFreshQueriesOnRandomStatements(Random random) {
    int trials = RandomSeedExtension.scaled(40);
    for (int trial = 0; trial < trials; trial++) {
      MetricKey metric = random.nextBoolean() ? CPU : LOAD;
      long now = NOW + 500 * (random.nextInt(21) - 10);
      String sql = select(random, metric.metric());
      try (LiveHarness harness =
          new LiveHarness(
              data.resolve("trial-" + trial), 2 + random.nextInt(10), QueryLimits.DEFAULTS)) {
        LiveData bits = new LiveData(random, metric == LOAD);
        List<Bit> before = new ArrayList<>();
        before.add(bits.full(NOW - 130_000));
        before.addAll(bits.bits(random.nextInt(120), NOW - 120_000, NOW + 10_000));
        List<List<Bit>> after = new ArrayList<>();
        int batches = 1 + random.nextInt(4);
        for (int i = 0; i < batches; i++) {
          after.add(bits.bits(1 + random.nextInt(30), NOW - 70_000, NOW + 40_000));
        }
        harness.run(metric, sql, before, after, now);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("trial " + trial + ": " + sql + ": " + e.getMessage(), e);
      }
    }
  }

  private static String select(Random random, String metric) {
    String where = random.nextInt(3) == 0 ? "" : " where " + condition(random, 2);
    String limit = random.nextBoolean() ? "" : " limit " + (1 + random.nextInt(6));
    String direction = pick(random, "", " asc", " desc");
    return switch (random.nextInt(5)) {
      case 0 -> {
        String items =
            random.nextBoolean() ? "*" : String.join(", ", subset(random, COLUMNS, "value"));
        String order =
            random.nextBoolean()
                ? ""
                : " order by " + pick(random, "timestamp", "value", "host", "region") + direction;
        yield "select " + items + " from " + metric + where + order + limit;
      }
      case 1 -> {
        String column = pick(random, COLUMNS);
        String order = random.nextBoolean() ? "" : " order by " + column + direction;
        yield "select distinct " + column + " from " + metric + where + order + limit;
      }
      case 2 -> "select " + aggregations(random, false) + " from " + metric + where + limit;
      case 3 -> {
        String column = pick(random, COLUMNS);
        String order =
            random.nextBoolean() ? "" : " order by " + pick(random, column, "value") + direction;
        yield "select "
            + aggregations(random, true)
            + " from "
            + metric
            + where
            + " group by "
            + column
            + order
            + limit;
      }
      default -> {
        String order =
            random.nextBoolean()
                ? ""
                : " order by " + pick(random, "timestamp", "value") + direction;
        String since = random.nextBoolean() ? "" : " since " + pick(random, "15s", "30s", "1m");
        yield "select "
            + aggregations(random, true)
            + " from "
            + metric
            + where
            + " group by interval "
            + pick(random, "3s", "10s", "1m")
            + order
            + since
            + limit;
      }
    };
  }

  /** Some aggregations; first() and last() only when {@code grouped} (the parser says so). */
  private static String aggregations(Random random, boolean grouped) {
    String[] allowed =
        Arrays.stream(AGGREGATIONS)
            .filter(a -> grouped || !(a.startsWith("first") || a.startsWith("last")))
            .toArray(String[]::new);
    return String.join(", ", subset(random, allowed, pick(random, allowed)));
  }

  /** {@code first}, then some of {@code from} in random order. */
  private static List<String> subset(Random random, String[] from, String first) {
    List<String> chosen = new ArrayList<>(List.of(first));
    for (String item : from) {
      if (!item.equals(first) && random.nextInt(3) == 0) {
        chosen.add(random.nextInt(chosen.size() + 1), item);
      }
    }
    return chosen;
  }

  private static String condition(Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return atom(random);
    }
    return switch (random.nextInt(3)) {
      case 0 -> "(" + condition(random, depth - 1) + " and " + condition(random, depth - 1) + ")";
      case 1 -> "(" + condition(random, depth - 1) + " or " + condition(random, depth - 1) + ")";
      default -> "not (" + condition(random, depth - 1) + ")";
    };
  }

  private static String atom(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> "host = 'h" + random.nextInt(4) + "'";
      case 1 -> "host <> 'h" + random.nextInt(4) + "'";
      case 2 -> pick(random, COLUMNS) + pick(random, " is null", " is not null");
      case 3 -> "weight " + pick(random, "=", ">", "<=") + " " + pick(random, "0", "-0.0", "1.5");
      case 4 -> "cores in (1, " + (1 + random.nextInt(3)) + ")";
      case 5 -> "value " + pick(random, ">", "<=", "=") + " " + (random.nextInt(9) - 4);
      case 6 -> "timestamp >= now - " + (5 + random.nextInt(80)) + "s";
      case 7 -> "timestamp < now + " + random.nextInt(30) + "s";
      default -> "region = '" + pick(random, "eu", "us", "ap") + "'";
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }
}
