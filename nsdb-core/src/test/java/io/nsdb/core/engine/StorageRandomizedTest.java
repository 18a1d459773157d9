package io.nsdb.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.scan.PointCursor;
import io.nsdb.core.scan.Scan;
import io.nsdb.core.scan.SeriesFilter;
import io.nsdb.core.scan.SeriesScan;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Delete;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random series, out-of-order and duplicate timestamps, deletes, flushes, clean restarts and
 * crashes; after every step what the engine returns equals a plain in-memory model. The seed is
 * printed with any failure; {@code -Dtests.seed=N} replays it.
 */
class StorageRandomizedTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final String[] HOSTS = {"a", "b", "c", "d", "e"};

  @TempDir Path data;

  /** One stored point, in the model: its series, time, value and arrival order. */
  private record Point(String host, long timestamp, long value, long arrival) {}

  @Test
  void theEngineAgreesWithAnInMemoryModel() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    try {
      run(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("failed with -Dtests.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  private void run(Random random) {
    StorageConfig config =
        StorageConfig.defaults(data)
            .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE))
            .withChunkMaxPoints(1 + random.nextInt(40))
            .withDefaultMetricInfo(new MetricInfo(Duration.ofMillis(5_000), Duration.ZERO));
    Storage storage = Storage.open(config);
    List<Point> model = new ArrayList<>();
    long arrival = 0;
    try {
      for (int step = 0; step < 300; step++) {
        int action = random.nextInt(100);
        if (action < 70) {
          List<Bit> batch = new ArrayList<>();
          int size = 1 + random.nextInt(30);
          for (int i = 0; i < size; i++) {
            String host = HOSTS[random.nextInt(HOSTS.length)];
            long timestamp = random.nextInt(40_000) - 5_000; // negative and out of order too
            long value = random.nextInt(21) - 10;
            batch.add(new Bit(timestamp, value, Map.of("host", host), Map.of()));
            model.add(new Point(host, timestamp, value, arrival++));
          }
          storage.insert(CPU, batch);
        } else if (action < 78 && !model.isEmpty()) {
          long threshold = random.nextInt(21) - 10;
          String host = HOSTS[random.nextInt(HOSTS.length)];
          Delete delete =
              (Delete)
                  SqlParser.parse(
                      "delete from cpu where host = '" + host + "' and value > " + threshold);
          long removed = storage.delete(CPU, delete.where());
          long expected =
              model.stream().filter(p -> p.host().equals(host) && p.value() > threshold).count();
          assertEquals(expected, removed, "points removed by " + delete);
          model.removeIf(p -> p.host().equals(host) && p.value() > threshold);
        } else if (action < 84) {
          storage.flush();
        } else if (action < 92) {
          storage.abandon();
          storage = Storage.open(config);
        } else {
          storage.close();
          storage = Storage.open(config);
        }
        if (storage.describe(CPU).isPresent()) {
          assertEquals(model.size(), storage.countPoints(CPU), "point count after step " + step);
        }
        if (!model.isEmpty()) {
          assertEquals(expected(model), actual(storage), "after step " + step);
          long from = random.nextInt(40_000) - 5_000;
          long to = from + random.nextInt(10_000);
          assertEquals(
              expected(
                  model.stream()
                      .filter(p -> p.timestamp() >= from && p.timestamp() <= to)
                      .toList()),
              actual(storage, from, to),
              "range [" + from + ", " + to + "] after step " + step);
        }
      }
    } finally {
      storage.close();
    }
  }

  /** host -> "timestamp=value" in time order, equal timestamps in arrival order. */
  private static Map<String, List<String>> expected(List<Point> points) {
    Map<String, List<String>> byHost = new TreeMap<>();
    points.stream()
        .sorted(Comparator.comparingLong(Point::timestamp).thenComparingLong(Point::arrival))
        .forEach(
            p ->
                byHost
                    .computeIfAbsent(p.host(), h -> new ArrayList<>())
                    .add(p.timestamp() + "=" + p.value()));
    return byHost;
  }

  private static Map<String, List<String>> actual(Storage storage) {
    return actual(storage, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static Map<String, List<String>> actual(Storage storage, long from, long to) {
    Scan scan = storage.scan(CPU, from, to, SeriesFilter.ALL);
    Map<String, List<String>> byHost = new TreeMap<>();
    for (SeriesScan series : scan.series()) {
      PointCursor cursor = scan.cursor(series, from, to);
      List<String> points = new ArrayList<>();
      while (cursor.next()) {
        points.add(cursor.timestamp() + "=" + cursor.value());
      }
      if (!points.isEmpty()) {
        byHost.merge(
            (String) series.series().column("host"),
            points,
            (x, y) -> {
              throw new AssertionError("series returned twice: " + series.series());
            });
      }
    }
    return byHost;
  }
}
