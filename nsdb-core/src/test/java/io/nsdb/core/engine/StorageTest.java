package io.nsdb.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final long HOUR = 3_600_000;

  @TempDir Path data;
  private Storage storage;

  private StorageConfig config() {
    return StorageConfig.defaults(data)
        .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.ALWAYS))
        .withChunkMaxPoints(7);
  }

  private Storage open() {
    storage = Storage.open(config());
    return storage;
  }

  @AfterEach
  void close() {
    if (storage != null) {
      try {
        storage.close();
      } catch (NsdbException e) {
        // already closed or abandoned by the test
      }
    }
  }

  private static Bit bit(long ts, double value, String host) {
    return new Bit(ts, value, Map.of("host", host), Map.of("region", "eu"));
  }

  /** host -> (timestamp -> values in order), read through the scan API. */
  private static Map<String, List<String>> read(Storage storage, MetricKey metric) {
    Scan scan = storage.scan(metric, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL);
    Map<String, List<String>> points = new TreeMap<>();
    for (SeriesScan series : scan.series()) {
      List<String> list =
          points.computeIfAbsent((String) series.series().column("host"), h -> new ArrayList<>());
      PointCursor cursor = scan.cursor(series, Long.MIN_VALUE, Long.MAX_VALUE);
      while (cursor.next()) {
        list.add(cursor.timestamp() + "=" + Double.longBitsToDouble(cursor.value()));
      }
    }
    return points;
  }

  private static List<Bit> series(String host, long from, int count) {
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bits.add(bit(from + i * 1000L, i / 4.0, host));
    }
    return bits;
  }

  private static List<String> expected(long from, int count) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add((from + i * 1000L) + "=" + (i / 4.0));
    }
    return list;
  }

  @Test
  void acknowledgedWritesAreReadableAtOnceSealedOrNot() {
    open();
    storage.insert(CPU, series("a", 0, 20));
    storage.insert(CPU, series("b", 0, 3));

    assertEquals(Map.of("a", expected(0, 20), "b", expected(0, 3)), read(storage, CPU));
    assertTrue(storage.stats().sealedChunks() >= 2, "a's chunks of 7 points were sealed");
  }

  @Test
  void outOfOrderAndDuplicateTimestampsAreKeptInTimeThenArrivalOrder() {
    open();
    storage.insert(CPU, List.of(bit(5000, 1, "a"), bit(1000, 2, "a"), bit(5000, 3, "a")));
    storage.insert(CPU, List.of(bit(3000, 4, "a"), bit(1000, 5, "a")));
    storage.flush();
    storage.insert(CPU, List.of(bit(2000, 6, "a"), bit(5000, 7, "a")));

    assertEquals(
        List.of("1000=2.0", "1000=5.0", "2000=6.0", "3000=4.0", "5000=1.0", "5000=3.0", "5000=7.0"),
        read(storage, CPU).get("a"));
  }

  @Test
  void everythingSurvivesACleanRestart() {
    open();
    storage.insert(CPU, series("a", 0, 30));
    storage.close();

    open();
    assertEquals(Map.of("a", expected(0, 30)), read(storage, CPU));
    assertEquals(0, storage.stats().headPoints());
  }

  @Test
  void aCrashLosesNothingAcknowledgedAndDuplicatesNothing() {
    open();
    storage.insert(CPU, series("a", 0, 10));
    storage.flush(); // committed: 10 points of a
    storage.insert(CPU, series("a", 10_000, 12)); // sealed, not committed, and in the head
    storage.insert(CPU, series("b", 0, 5)); // head only
    storage.abandon();

    open();
    List<String> a = expected(0, 10);
    a.addAll(expected(10_000, 12).stream().map(s -> s).toList());
    assertEquals(
        Map.of("a", concat(expected(0, 10), series("a", 10_000, 12)), "b", expected(0, 5)),
        read(storage, CPU));

    storage.abandon();
    open();
    assertEquals(
        Map.of("a", concat(expected(0, 10), series("a", 10_000, 12)), "b", expected(0, 5)),
        read(storage, CPU),
        "a second crash right after recovery changes nothing");
  }

  private static List<String> concat(List<String> first, List<Bit> more) {
    List<String> all = new ArrayList<>(first);
    more.forEach(b -> all.add(b.timestamp() + "=" + b.value()));
    return all;
  }

  @Test
  void deleteRemovesMatchingPointsAndIsNotReplayedOverLaterWrites() {
    open();
    storage.insert(CPU, series("a", 0, 20));
    storage.insert(CPU, series("b", 0, 20));
    Delete delete = (Delete) SqlParser.parse("delete from cpu where host = 'a' and value >= 2");

    assertEquals(12, storage.delete(CPU, delete.where()));
    storage.insert(CPU, List.of(bit(100_000, 9, "a")));
    storage.abandon();

    open();
    assertEquals(
        concat(expected(0, 8), List.of(bit(100_000, 9, "a"))), read(storage, CPU).get("a"));
    assertEquals(expected(0, 20), read(storage, CPU).get("b"));
  }

  @Test
  void aDeleteNamingAnUnknownColumnChangesNothing() {
    open();
    storage.insert(CPU, series("a", 0, 3));
    Delete delete = (Delete) SqlParser.parse("delete from cpu where hots = 'a'");

    NsdbException e = assertThrows(NsdbException.class, () -> storage.delete(CPU, delete.where()));

    assertEquals(ErrorCode.UNKNOWN_COLUMN, e.code());
    assertEquals(expected(0, 3), read(storage, CPU).get("a"));
  }

  @Test
  void aDroppedMetricStaysDroppedAfterACrashAndCanBeWrittenAgain() {
    open();
    storage.insert(CPU, series("a", 0, 10));
    storage.dropMetric(CPU);
    assertThrows(NsdbException.class, () -> read(storage, CPU));
    storage.insert(CPU, series("z", 0, 2));
    storage.abandon();

    open();
    assertEquals(Map.of("z", expected(0, 2)), read(storage, CPU));
    assertEquals(java.util.Set.of("cpu"), storage.metrics("db", "ns"));
  }

  @Test
  void aMetricDroppedAndCreatedAgainWithOtherTypesRecovers() {
    open();
    storage.insert(CPU, List.of(new Bit(1, 1.5, Map.of("host", "a", "cores", 4L), Map.of())));
    storage.dropMetric(CPU);
    storage.insert(CPU, List.of(new Bit(2, 7L, Map.of("cores", "many"), Map.of())));
    storage.abandon();

    open();
    Scan scan = storage.scan(CPU, Long.MIN_VALUE, Long.MAX_VALUE, SeriesFilter.ALL);
    assertEquals(1, scan.series().size());
    assertEquals("many", scan.series().get(0).series().column("cores"));
    assertEquals(1, scan.countPoints(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Test
  void dropNamespaceRemovesEveryMetricOfIt() {
    open();
    MetricKey mem = new MetricKey("db", "ns", "mem");
    MetricKey other = new MetricKey("db", "other", "cpu");
    storage.insert(CPU, series("a", 0, 2));
    storage.insert(mem, series("a", 0, 2));
    storage.insert(other, series("a", 0, 2));

    storage.dropNamespace("db", "ns");

    assertEquals(java.util.Set.of("other"), storage.namespaces("db"));
    NsdbException e = assertThrows(NsdbException.class, () -> storage.dropNamespace("db", "ns"));
    assertEquals(ErrorCode.UNKNOWN_NAMESPACE, e.code());
  }

  @Test
  void aConflictingBatchIsRejectedWholeAndChangesNothing() {
    open();
    storage.insert(CPU, series("a", 0, 2));
    List<Bit> batch =
        List.of(bit(10_000, 1, "a"), new Bit(11_000, 1.0, Map.of("host", 7L), Map.of()));

    NsdbException e = assertThrows(NsdbException.class, () -> storage.insert(CPU, batch));

    assertEquals(ErrorCode.SCHEMA_CONFLICT, e.code());
    assertEquals(expected(0, 2), read(storage, CPU).get("a"));
  }

  @Test
  void retentionRejectsOldInsertsAndDropsExpiredData() {
    MutableClock clock = new MutableClock(10 * HOUR);
    storage = Storage.open(config().withClock(clock));
    storage.setMetricInfo(CPU, new MetricInfo(Duration.ofHours(1), Duration.ofHours(2)));
    storage.insert(
        CPU, List.of(bit(8 * HOUR, 1, "a"), bit(9 * HOUR + 10, 2, "a"), bit(10 * HOUR, 3, "a")));

    NsdbException tooOld =
        assertThrows(
            NsdbException.class, () -> storage.insert(CPU, List.of(bit(7 * HOUR, 0, "a"))));
    assertEquals(ErrorCode.OUTSIDE_RETENTION, tooOld.code());

    clock.set(11 * HOUR + 20); // cutoff 9h+20: the 8h shard expires, 9h+10 is trimmed
    storage.applyRetention();

    assertEquals(List.of((10 * HOUR) + "=3.0"), read(storage, CPU).get("a"));
    assertEquals(1, storage.countPoints(CPU));
    storage.abandon();
    storage = Storage.open(config().withClock(clock));
    assertEquals(List.of((10 * HOUR) + "=3.0"), read(storage, CPU).get("a"));
    assertEquals(1, storage.countPoints(CPU));
  }

  @Test
  void metricInfoIsFixedBeforeTheFirstWrite() {
    open();
    storage.insert(CPU, series("a", 0, 1));
    NsdbException e =
        assertThrows(
            NsdbException.class,
            () -> storage.setMetricInfo(CPU, new MetricInfo(Duration.ofHours(1), Duration.ZERO)));
    assertEquals(ErrorCode.METRIC_INFO_ALREADY_SET, e.code());
  }

  @Test
  void scanningAnUnknownMetricIsAnError() {
    open();
    NsdbException e =
        assertThrows(
            NsdbException.class,
            () -> storage.scan(new MetricKey("db", "ns", "nope"), 0, 1, SeriesFilter.ALL));
    assertEquals(ErrorCode.UNKNOWN_METRIC, e.code());
    assertFalse(storage.databases().contains("nope"));
  }

  @Test
  void theSeriesFilterSelectsSealedAndHeadDataAlike() {
    open();
    storage.insert(CPU, series("a", 0, 10));
    storage.insert(CPU, series("b", 0, 10));

    Scan scan = storage.scan(CPU, 2000, 4000, new SeriesFilter.Equals("host", "b"));

    assertEquals(1, scan.series().size());
    assertEquals("b", scan.series().get(0).series().column("host"));
    assertEquals(3, scan.countPoints(2000, 4000));
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    void set(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
