package io.nsdb.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.NsdbException;
import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.predicate.PointPredicate;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.core.query.ReferenceEvaluator.InvalidQuery;
import io.nsdb.core.query.ReferenceEvaluator.Point;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of the {@link QueryEngine} against {@link ReferenceEvaluator}, a naive
 * implementation of the semantics in {@code package-info.java}.
 *
 * <p>Random points go into a real {@link Storage} (a BIGINT-valued and a DECIMAL-valued metric;
 * series over the dimensions {@code host} VARCHAR and {@code cores} BIGINT and the tag {@code
 * region} VARCHAR, any of which a series may lack; gaps, out-of-order and duplicate timestamps,
 * negative timestamps and values; small chunks so that sealed, pending and head data all appear;
 * deletes, flushes and restarts), and the same points into a list. Then random SELECT statements,
 * written as SQL text over every clause, run on both, and the rows must agree: the same number, in
 * the same order, and per row the same timestamp, the same dimension and tag names, and equal
 * values, where a Long must equal a Long exactly, a Double a Double within a relative 1e-9 (or an
 * absolute 1e-9 near zero), a String a String, and null null.
 *
 * <p>The seed is printed with any failure; {@code -Dtests.seed=N} replays it. Every discrepancy of
 * the run is listed (up to a bound), each with the statement and its first differing row.
 */
class QueryDifferentialTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final MetricKey LOAD = new MetricKey("db", "ns", "load");

  private static final String[] HOSTS = {"alpha", "alpine", "beta", "gamma", "gamma-2", "delta"};
  private static final long[] CORES = {1, 2, 4, 8, 16};
  private static final String[] REGIONS = {"eu", "us", "ap-south"};
  private static final String[] LIKE_PATTERNS = {
    "al$", "$a", "$mm$", "beta", "$", "g$2", "x$", "$-$", "$l$a"
  };
  private static final String[] SERIES_COLUMNS = {"host", "cores", "region"};

  private static final int ROUNDS = 3;
  private static final int STATEMENTS_PER_METRIC_AND_ROUND = 60;
  private static final int MAX_REPORTED = 25;

  @TempDir Path data;

  /** One metric's model: its live points and the schema of every bit it was given. */
  private static final class Model {
    final MetricKey metric;
    final boolean decimal;
    final List<Map<String, Object>[]> series = new ArrayList<>();
    final List<Point> points = new ArrayList<>();
    Schema schema;

    Model(MetricKey metric, boolean decimal) {
      this.metric = metric;
      this.decimal = decimal;
    }
  }

  private final List<String> discrepancies = new ArrayList<>();
  private int statements;
  private int parserRejected;
  private int bothRejected;
  private int nonEmpty;
  private long arrival;

  @Test
  void theEngineAgreesWithANaiveReference() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    try {
      run(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("failed with -Dtests.seed=" + seed + ": " + e.getMessage(), e);
    }
    if (!discrepancies.isEmpty()) {
      throw new AssertionError(
          "failed with -Dtests.seed="
              + seed
              + ": "
              + discrepancies.size()
              + " of "
              + statements
              + " statements disagree"
              + (discrepancies.size() > MAX_REPORTED ? " (first " + MAX_REPORTED + " shown)" : "")
              + ":\n\n"
              + String.join(
                  "\n\n", discrepancies.subList(0, Math.min(MAX_REPORTED, discrepancies.size()))));
    }
    assertTrue(
        parserRejected * 10 < statements,
        "the parser rejected " + parserRejected + " of " + statements + " generated statements");
    System.out.printf(
        "QueryDifferentialTest seed=%d: %d statements (%d with a non-empty answer), %d rejected by"
            + " the parser, %d rejected by both engine and reference%n",
        seed, statements, nonEmpty, parserRejected, bothRejected);
  }

  private void run(Random random) {
    StorageConfig config =
        StorageConfig.defaults(data)
            .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE))
            .withChunkMaxPoints(5 + random.nextInt(36))
            .withDefaultMetricInfo(
                new MetricInfo(Duration.ofMillis(5_000 + random.nextInt(20_000)), Duration.ZERO))
            // No background work: the storage's state depends only on the seed.
            .withMaintenance(
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
    long now = 60_000 + random.nextInt(20_000);
    Model[] models = {new Model(CPU, false), new Model(LOAD, true)};
    for (Model model : models) {
      makeSeries(model, random);
    }
    Storage storage = Storage.open(config);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        int batches = 10 + random.nextInt(20);
        for (int b = 0; b < batches; b++) {
          Model model = models[random.nextInt(models.length)];
          insert(storage, model, random, now);
          int action = random.nextInt(100);
          if (action < 8) {
            delete(storage, models[random.nextInt(models.length)], random);
          } else if (action < 16) {
            storage.flush();
          }
        }
        if (random.nextInt(4) == 0) {
          storage.close();
          storage = Storage.open(config);
        }
        QueryEngine engine = new QueryEngine(storage);
        for (Model model : models) {
          for (int i = 0; i < STATEMENTS_PER_METRIC_AND_ROUND; i++) {
            check(engine, model, randomSelect(model, random, now), now);
          }
        }
      }
    } finally {
      storage.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Data.

  @SuppressWarnings("unchecked")
  private static void makeSeries(Model model, Random random) {
    Set<List<Object>> seen = new HashSet<>();
    int count = 8 + random.nextInt(10);
    for (int i = 0; i < count; i++) {
      boolean full = i == 0; // the first bit names every column, so every statement is valid
      String host = full || random.nextInt(100) < 85 ? HOSTS[random.nextInt(HOSTS.length)] : null;
      Long cores = full || random.nextInt(100) < 65 ? CORES[random.nextInt(CORES.length)] : null;
      String region =
          full || random.nextInt(100) < 65 ? REGIONS[random.nextInt(REGIONS.length)] : null;
      if (!seen.add(Arrays.asList(host, cores, region))) {
        continue;
      }
      Map<String, Object> dimensions = new HashMap<>();
      Map<String, Object> tags = new HashMap<>();
      if (host != null) {
        dimensions.put("host", host);
      }
      if (cores != null) {
        dimensions.put("cores", cores);
      }
      if (region != null) {
        tags.put("region", region);
      }
      model.series.add(new Map[] {dimensions, tags});
    }
  }

  private void insert(Storage storage, Model model, Random random, long now) {
    List<Bit> bits = new ArrayList<>();
    int size = 1 + random.nextInt(40);
    for (int i = 0; i < size; i++) {
      int s = model.points.isEmpty() && bits.isEmpty() ? 0 : random.nextInt(model.series.size());
      Map<String, Object> dimensions = model.series.get(s)[0];
      Map<String, Object> tags = model.series.get(s)[1];
      long timestamp;
      Number value = randomValue(model, random);
      int mode = random.nextInt(100);
      if (mode < 55 && !model.points.isEmpty()) {
        Point last = model.points.get(model.points.size() - 1);
        timestamp = last.timestamp() + random.nextInt(800); // 0: a duplicate timestamp
      } else if (mode < 70 && !model.points.isEmpty()) {
        Point other = model.points.get(random.nextInt(model.points.size()));
        timestamp = other.timestamp(); // a duplicate, sometimes of the very same point
        if (random.nextBoolean()) {
          value = other.value();
        }
      } else {
        timestamp = random.nextInt(90_000) - 15_000; // out of order, negative, around now
      }
      // INT and BIGINT columns are stored alike: offer both.
      Map<String, Object> offered = new HashMap<>(dimensions);
      if (offered.get("cores") instanceof Long c && random.nextInt(3) == 0) {
        offered.put("cores", (int) (long) c);
      }
      bits.add(new Bit(timestamp, value, offered, tags));
      model.points.add(new Point(dimensions, tags, timestamp, value, arrival++));
    }
    for (Bit bit : bits) {
      model.schema = model.schema == null ? Schema.of(model.metric, bit) : model.schema.accept(bit);
    }
    storage.insert(model.metric, bits);
  }

  private static Number randomValue(Model model, Random random) {
    if (!model.decimal) {
      return (long) (random.nextInt(101) - 50);
    }
    if (random.nextInt(100) < 70) {
      return (random.nextInt(161) - 80) / 4.0; // exact sums, many ties
    }
    return (random.nextInt(2_000_001) - 1_000_000) / 1000.0;
  }

  private void delete(Storage storage, Model model, Random random) {
    if (model.points.isEmpty()) {
      return;
    }
    String where =
        switch (random.nextInt(4)) {
          case 0 -> "host = '" + pick(random, HOSTS) + "' and value > " + literalFor(model, random);
          case 1 -> {
            long from = random.nextInt(90_000) - 15_000;
            yield "timestamp in (" + from + ", " + (from + random.nextInt(3_000)) + ")";
          }
          case 2 -> "region is null and value < " + literalFor(model, random);
          default ->
              "cores = "
                  + CORES[random.nextInt(CORES.length)]
                  + " and region = '"
                  + pick(random, REGIONS)
                  + "' and timestamp > "
                  + (random.nextInt(90_000) - 15_000);
        };
    Delete delete =
        (Delete) SqlParser.parse("delete from " + model.metric.metric() + " where " + where);
    PointPredicate predicate = PredicateCompiler.compile(delete.where(), model.schema, 0);
    List<Point> gone =
        model.points.stream()
            .filter(
                p ->
                    predicate.test(
                        new SeriesKey(p.dimensions(), p.tags()), p.timestamp(), p.rawValue()))
            .toList();
    long removed = storage.delete(model.metric, delete.where());
    assertEquals(gone.size(), removed, "points removed by " + where);
    model.points.removeAll(new HashSet<>(gone));
  }

  // ---------------------------------------------------------------------------------------------
  // Statements.

  private static String randomSelect(Model model, Random random, long now) {
    String from = " from " + model.metric.metric();
    int kind = random.nextInt(100);
    StringBuilder sql = new StringBuilder("select ");
    if (kind < 28) { // plain
      if (random.nextInt(3) == 0) {
        sql.append("*");
      } else {
        List<String> columns =
            new ArrayList<>(List.of("host", "cores", "region", "timestamp", "value"));
        Collections.shuffle(columns, random);
        sql.append(String.join(", ", columns.subList(0, 1 + random.nextInt(columns.size()))));
      }
      sql.append(from);
      where(sql, model, random, now, 60);
      if (random.nextInt(100) < 60) {
        sql.append(" order by ")
            .append(pick(random, "timestamp", "value", "host", "cores", "region"));
        sql.append(direction(random));
      }
      limit(sql, random, 60);
    } else if (kind < 38) { // distinct
      String column = pick(random, SERIES_COLUMNS);
      sql.append("distinct ").append(column).append(from);
      where(sql, model, random, now, 60);
      if (random.nextBoolean()) {
        sql.append(" order by ").append(column).append(direction(random));
      }
      limit(sql, random, 30);
    } else if (kind < 56) { // global aggregation
      sql.append(String.join(", ", aggregations(random, false)));
      sql.append(from);
      where(sql, model, random, now, 70);
    } else if (kind < 76) { // group by a column
      String column = pick(random, SERIES_COLUMNS);
      List<String> items = aggregations(random, true);
      if (random.nextInt(4) == 0) {
        items.add(random.nextInt(items.size() + 1), column);
      }
      sql.append(String.join(", ", items)).append(from);
      where(sql, model, random, now, 60);
      sql.append(" group by ").append(column);
      if (random.nextBoolean()) {
        sql.append(" order by ").append(random.nextBoolean() ? column : "value");
        sql.append(direction(random));
      }
      limit(sql, random, 30);
    } else { // group by interval
      sql.append(String.join(", ", aggregations(random, true))).append(from);
      where(sql, model, random, now, 75);
      sql.append(" group by interval ")
          .append(
              pick(random, "5 s", "2500 ms", "7 sec", "10s", "1 m", "s", "3 seconds", "12345 ms"));
      if (random.nextInt(100) < 30) {
        sql.append(" order by timestamp").append(direction(random));
      }
      if (random.nextBoolean()) {
        sql.append(" since ").append(pick(random, "30 s", "1 m", "10000 ms", "2 s", "90s"));
      }
      limit(sql, random, 30);
    }
    return sql.toString();
  }

  private static List<String> aggregations(Random random, boolean grouped) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "count(*)",
                "count(" + pick(random, "host", "cores", "region", "value", "timestamp") + ")",
                "count(distinct "
                    + pick(random, "host", "cores", "region", "value", "timestamp")
                    + ")",
                "sum(value)",
                "min(value)",
                "max(value)",
                "avg(value)"));
    if (grouped) {
      all.add("first(value)");
      all.add("last(value)");
    }
    int n = 1 + random.nextInt(random.nextInt(4) == 0 ? all.size() : 3);
    Set<String> chosen = new LinkedHashSet<>();
    while (chosen.size() < n) {
      chosen.add(all.get(random.nextInt(all.size())));
    }
    List<String> items = new ArrayList<>();
    for (String item : chosen) {
      // sum(*) is sum(value); keywords are case-insensitive.
      String written =
          !item.startsWith("count") && random.nextInt(8) == 0
              ? item.replace("(value)", "(*)")
              : item;
      if (random.nextInt(8) == 0) {
        int paren = written.indexOf('(');
        written = written.substring(0, paren).toUpperCase(Locale.ROOT) + written.substring(paren);
      }
      items.add(written);
    }
    return items;
  }

  private static void where(StringBuilder sql, Model model, Random random, long now, int percent) {
    if (random.nextInt(100) < percent) {
      sql.append(" where ").append(condition(model, random, now, 0));
    }
  }

  private static String condition(Model model, Random random, long now, int depth) {
    int choice = random.nextInt(100);
    if (depth < 3 && choice < 30) {
      String op = random.nextBoolean() ? " and " : " or ";
      int n = 2 + random.nextInt(2);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        parts.add(condition(model, random, now, depth + 1));
      }
      String joined = String.join(op, parts);
      return depth == 0 ? joined : "(" + joined + ")";
    }
    if (depth < 3 && choice < 40) {
      return "not " + parenthesize(condition(model, random, now, depth + 1));
    }
    return atom(model, random, now);
  }

  private static String parenthesize(String condition) {
    return condition.startsWith("(") ? condition : "(" + condition + ")";
  }

  private static String atom(Model model, Random random, long now) {
    return switch (random.nextInt(13)) {
      case 0, 1 ->
          "host "
              + pick(random, "=", "<>", "!=")
              + " '"
              + pick(random, append(HOSTS, "zeta"))
              + "'";
      case 2 -> "host like '" + pick(random, LIKE_PATTERNS) + "'";
      case 3 ->
          "region " + pick(random, "=", "<>") + " '" + pick(random, append(REGIONS, "mars")) + "'";
      case 4 ->
          "cores "
              + comparison(random)
              + " "
              + pick(random, "0", "1", "2", "3", "4", "8", "16", "2.5", "-1");
      case 5 -> {
        long lo = random.nextInt(10);
        yield "cores in (" + lo + ", " + (lo + random.nextInt(10)) + ")";
      }
      case 6 ->
          pick(random, SERIES_COLUMNS) + " is " + (random.nextBoolean() ? "not " : "") + "null";
      case 7, 8 -> "value " + comparison(random) + " " + literalFor(model, random);
      case 9 -> {
        double lo = random.nextInt(80) - 50;
        double hi = lo + random.nextInt(60);
        yield model.decimal && random.nextBoolean()
            ? "value in (" + (lo + 0.25) + ", " + (hi + 0.5) + ")"
            : "value in (" + (long) lo + ", " + (long) hi + ")";
      }
      case 10, 11 -> "timestamp " + comparison(random) + " " + timeLiteral(random, now);
      default -> {
        if (random.nextBoolean()) {
          int a = random.nextInt(90);
          yield "timestamp in (now - " + a + " s, now - " + random.nextInt(a + 1) + " s)";
        }
        long lo = random.nextInt(90_000) - 15_000;
        yield "timestamp in (" + lo + ", " + (lo + random.nextInt(40_000)) + ")";
      }
    };
  }

  private static String comparison(Random random) {
    return pick(random, "=", "<>", "<", "<=", ">", ">=");
  }

  private static String literalFor(Model model, Random random) {
    int n = random.nextInt(101) - 50;
    if (model.decimal && random.nextBoolean()) {
      return (n / 4.0) + "";
    }
    return Integer.toString(n);
  }

  private static String timeLiteral(Random random, long now) {
    return switch (random.nextInt(12)) {
      case 0, 1 -> "now";
      case 2, 3 -> "now - " + random.nextInt(90) + " s";
      case 4, 5 -> "now - " + random.nextInt(90_000) + " ms";
      case 6 -> "now + " + random.nextInt(10) + " s";
      case 7 -> (random.nextInt(90_000) - 15_000) + ".5"; // a decimal: t < 1.5 is t <= 1
      default -> Long.toString(random.nextInt(90_000) - 15_000);
    };
  }

  private static String direction(Random random) {
    return pick(random, "", " asc", " desc");
  }

  private static void limit(StringBuilder sql, Random random, int percent) {
    if (random.nextInt(100) < percent) {
      sql.append(" limit ").append(1 + random.nextInt(random.nextBoolean() ? 5 : 40));
    }
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String[] append(String[] values, String extra) {
    String[] all = Arrays.copyOf(values, values.length + 1);
    all[values.length] = extra;
    return all;
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison.

  private void check(QueryEngine engine, Model model, String sql, long now) {
    statements++;
    Select select;
    try {
      select = (Select) SqlParser.parse(sql);
    } catch (SqlParseException e) {
      if (parserRejected++ < 3) {
        System.out.println(
            "QueryDifferentialTest: the parser rejects " + sql + ": " + e.getMessage());
      }
      return;
    }
    List<ResultRow> expected = null;
    String referenceError = null;
    try {
      expected = ReferenceEvaluator.evaluate(model.points, model.schema, select, now);
    } catch (InvalidQuery e) {
      referenceError = e.getMessage();
    }
    List<ResultRow> actual;
    try {
      actual = engine.execute(model.metric, select, now).rows();
    } catch (NsdbException e) {
      if (referenceError == null) {
        report(sql, "the engine rejected a statement the reference finds valid: " + e);
      } else {
        bothRejected++;
      }
      return;
    } catch (RuntimeException e) {
      report(sql, "the engine failed: " + e + "\n  at " + e.getStackTrace()[0]);
      return;
    }
    if (referenceError != null) {
      report(sql, "the engine answered a statement the reference finds invalid: " + referenceError);
      return;
    }
    if (!expected.isEmpty()) {
      nonEmpty++;
    }
    String difference = firstDifference(expected, actual);
    if (difference != null) {
      if (expected.size() <= 8 && actual.size() <= 8) {
        difference +=
            "\n  all expected: " + rowsText(expected) + "\n  all actual:   " + rowsText(actual);
      }
      report(sql, difference);
    }
  }

  private static String rowsText(List<ResultRow> rows) {
    StringBuilder text = new StringBuilder();
    for (ResultRow row : rows) {
      text.append("\n    ").append(row);
    }
    return text.toString();
  }

  private void report(String sql, String what) {
    discrepancies.add(sql + "\n  " + what);
  }

  private static String firstDifference(List<ResultRow> expected, List<ResultRow> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!rowsEqual(expected.get(i), actual.get(i))) {
        return "row "
            + i
            + " differs (expected "
            + expected.size()
            + " rows, got "
            + actual.size()
            + ")\n  expected: "
            + expected.get(i)
            + "\n  actual:   "
            + actual.get(i);
      }
    }
    if (expected.size() != actual.size()) {
      int i = Math.min(expected.size(), actual.size());
      return "expected "
          + expected.size()
          + " rows, got "
          + actual.size()
          + "; first extra row "
          + i
          + ": "
          + (expected.size() > i ? "expected " + expected.get(i) : "actual " + actual.get(i));
    }
    return null;
  }

  private static boolean rowsEqual(ResultRow expected, ResultRow actual) {
    return expected.timestamp() == actual.timestamp()
        && valuesEqual(expected.value(), actual.value())
        && columnsEqual(expected.dimensions(), actual.dimensions())
        && columnsEqual(expected.tags(), actual.tags());
  }

  private static boolean columnsEqual(Map<String, Object> expected, Map<String, Object> actual) {
    if (!expected.keySet().equals(actual.keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> entry : expected.entrySet()) {
      if (!valuesEqual(entry.getValue(), actual.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Long exactly, Double within 1e-9 relative (1e-9 absolute near zero), else equals. */
  private static boolean valuesEqual(Object expected, Object actual) {
    if (expected instanceof Double e && actual instanceof Double a) {
      double difference = Math.abs(e - a);
      return difference <= 1e-9 || difference <= 1e-9 * Math.max(Math.abs(e), Math.abs(a));
    }
    if (expected == null || actual == null) {
      return expected == actual;
    }
    return expected.getClass() == actual.getClass() && Objects.equals(expected, actual);
  }
}
