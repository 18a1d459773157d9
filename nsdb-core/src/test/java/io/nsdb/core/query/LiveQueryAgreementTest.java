package io.nsdb.core.query;

import static io.nsdb.core.query.LiveHarness.CPU;
import static io.nsdb.core.query.LiveHarness.LOAD;
import static io.nsdb.core.query.LiveHarness.NOW;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.testing.Randomized;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The central property, for every kind of SELECT: a live query created after some bits, then fed
 * the later bits its WHERE selects, has emitted exactly what turns its history into the answer of a
 * fresh query (see {@link LiveHarness#run}). Each statement runs on a BIGINT metric ({@code cpu})
 * and a DECIMAL one ({@code load}); {@code M} stands for the metric. Data is random per run, the
 * seed printed with any failure.
 */
@Randomized
class LiveQueryAgreementTest {

  @TempDir Path data;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select * from M",
        "select * from M where host = 'h1'",
        "select * from M where value > 0 order by value desc limit 5",
        "select host, value from M order by host limit 7",
        "select region, weight from M where cores in (1, 2)",
        "select * from M where timestamp > now - 30s order by timestamp desc limit 3",
        "select * from M where region is null or weight = 0"
      })
  void plainSelectsStreamEveryNewRow(String sql, Random random) {
    check(sql, random, false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select distinct host from M",
        "select distinct region from M limit 1",
        "select distinct weight from M order by weight desc limit 1",
        "select distinct cores from M where value >= 0",
        "select distinct host from M where timestamp >= now - 20s order by host desc"
      })
  void distinctStreamsOnlyValuesNotSeenBefore(String sql, Random random) {
    check(sql, random, false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select count(*) from M",
        "select count(*), count(host), count(distinct region), sum(value), min(value),"
            + " max(value), avg(value) from M",
        "select max(value), count(distinct weight) from M where host <> 'h2'",
        "select sum(value), count(*) from M where timestamp >= now - 20s",
        "select count(distinct value), count(distinct timestamp), count(weight) from M",
        "select avg(value), min(value) from M where region = 'eu' limit 1"
      })
  void globalAggregatesMatchAFreshQuery(String sql, Random random) {
    check(sql, random, true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select count(*), sum(value) from M group by host",
        "select last(value), first(value), count(distinct region) from M group by region"
            + " order by value desc limit 1",
        "select avg(value), max(value) from M where cores = 1 group by weight",
        "select min(value) from M group by cores order by cores desc limit 2",
        "select count(*) from M group by region",
        "select count(distinct host), count(host) from M where value <> 0 group by host"
      })
  void groupByColumnMatchesAFreshQuery(String sql, Random random) {
    check(sql, random, true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select count(*), sum(value) from M group by interval 10s",
        "select last(value), count(distinct host) from M group by interval 10s since 30s",
        "select max(value), first(value) from M where host = 'h1' group by interval 5s"
            + " order by value desc since 1m limit 3",
        "select count(*) from M where timestamp >= now - 40s group by interval 10s"
            + " order by timestamp desc limit 2",
        "select avg(value), min(value), count(region) from M group by interval 1m",
        "select sum(value) from M where timestamp in (now - 40s, now + 20s) group by interval 7s"
      })
  void groupByIntervalMatchesAFreshQuery(String sql, Random random) {
    check(sql, random, true);
  }

  private void check(String sql, Random random, boolean keyed) {
    try (LiveHarness harness = new LiveHarness(data, 2 + random.nextInt(6), QueryLimits.DEFAULTS)) {
      for (MetricKey metric : List.of(CPU, LOAD)) {
        LiveData bits = new LiveData(random, metric == LOAD);
        List<Bit> before = new ArrayList<>();
        before.add(bits.full(NOW - 100_000));
        before.addAll(bits.bits(60, NOW - 90_000, NOW));
        List<List<Bit>> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          after.add(bits.bits(15, NOW - 50_000, NOW + 30_000));
        }
        LiveQuery live =
            harness.run(metric, sql.replace(" M", " " + metric.metric()), before, after, NOW);
        assertTrue(live.keyed() == keyed, "keyed");
        assertTrue(live.replayable() == (live instanceof LiveRows), "replayable");
        if (!keyed) {
          assertFalse(live instanceof LiveAggregation);
        }
      }
    }
  }
}
