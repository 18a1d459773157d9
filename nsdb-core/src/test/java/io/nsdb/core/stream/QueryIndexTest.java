package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.SCHEMA;
import static io.nsdb.core.stream.StreamFixtures.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.commitlog.SeededRandomExtension;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import io.nsdb.core.predicate.PredicateCompiler;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class QueryIndexTest {

  private static final long NOW = RandomStream.NOW;

  /** The ids whose query the index says {@code bit} matches, checking each comes once. */
  private static Set<Integer> matches(QueryIndex<Integer> index, Bit bit, long now) {
    List<Integer> found = new ArrayList<>();
    index.match(bit, now, found::add);
    Set<Integer> unique = new HashSet<>(found);
    assertEquals(found.size(), unique.size(), "an id matched twice: " + found);
    return unique;
  }

  /**
   * Brute force with the one-off query path: each WHERE compiled with {@code now} fixed, the value
   * encoded as the head stores it. Independent of the index and of the clocked compilation.
   */
  private static Set<Integer> bruteForce(Map<Integer, String> wheres, Bit bit, long now) {
    Set<Integer> expected = new HashSet<>();
    SeriesKey series = new SeriesKey(bit.dimensions(), bit.tags());
    long raw = Double.doubleToRawLongBits(bit.value().doubleValue());
    wheres.forEach(
        (id, where) -> {
          Select select =
              (Select)
                  SqlParser.parse("select * from cpu" + (where.isEmpty() ? "" : " where " + where));
          boolean selected =
              select.where().isEmpty()
                  || PredicateCompiler.compile(select.where().get(), SCHEMA, now)
                      .test(series, bit.timestamp(), raw);
          if (selected) {
            expected.add(id);
          }
        });
    return expected;
  }

  @Test
  void matchingEqualsEvaluatingEveryQuery(Random random) {
    RandomStream stream = new RandomStream(random);
    int matched = 0;
    for (int round = 0; round < 20; round++) {
      QueryIndex<Integer> index = new QueryIndex<>();
      Map<Integer, String> wheres = new HashMap<>();
      int queries = 1 + random.nextInt(60);
      for (int id = 0; id < queries; id++) {
        String where = stream.where();
        wheres.put(id, where);
        index.register(id, compile(where));
      }
      // Some unregistered again, so matching runs over an index that has shrunk.
      for (int id = 0; id < queries; id++) {
        if (random.nextInt(4) == 0) {
          assertTrue(index.unregister(id));
          wheres.remove(id);
        }
      }
      assertEquals(wheres.size(), index.size());
      for (int b = 0; b < 200; b++) {
        Bit bit = stream.bit();
        long now = stream.now();
        Set<Integer> expected = bruteForce(wheres, bit, now);
        assertEquals(
            expected,
            matches(index, bit, now),
            () -> "bit " + bit + " at now " + now + " over " + wheres);
        matched += expected.size();
      }
    }
    // The generator must make matches common, or equality above proves little.
    assertTrue(matched > 20 * 200, "too few matches to test anything [matched=" + matched + "]");
  }

  @Test
  void registeringThenUnregisteringEverythingLeavesAnEmptyIndex(Random random) {
    RandomStream stream = new RandomStream(random);
    QueryIndex<Integer> index = new QueryIndex<>();
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < 500; id++) {
      index.register(id, compile(stream.where()));
      ids.add(id);
    }
    assertEquals(500, index.size());
    assertTrue(index.bucketCount() > 0);
    assertTrue(index.scannedCount() > 0);
    Collections.shuffle(ids, random);
    for (int id : ids) {
      assertTrue(index.unregister(id));
      assertFalse(index.unregister(id));
      assertNull(index.get(id));
    }
    assertEquals(0, index.size());
    assertEquals(0, index.scannedCount());
    assertEquals(0, index.bucketCount());
    assertEquals(0, index.indexedColumnCount());
    assertEquals(Set.of(), matches(index, stream.bit(), NOW));
  }

  @Test
  void aQueryIsFiledUnderOneEqualityPreferringAColumnAlreadyIndexed() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("a", compile("host = 'h1' and region = 'eu'"));
    index.register("b", compile("region = 'eu' and host = 'h1'"));
    assertEquals(1, index.indexedColumnCount()); // b joined host, though region comes first in it
    index.register("c", compile("region = 'us'"));
    assertEquals(2, index.indexedColumnCount()); // c has nothing but region
    index.unregister("c");
    assertEquals(1, index.indexedColumnCount());
    assertEquals(1, index.bucketCount());
    assertEquals(0, index.scannedCount());
    index.register("d", compile("host <> 'h1'"));
    assertEquals(1, index.scannedCount());
  }

  @Test
  void anIdIsRegisteredOnce() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("q", compile("host = 'h1'"));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> index.register("q", compile("")));
    assertEquals("query id already registered [id=q]", error.getMessage());
    assertEquals(1, index.size());
  }

  @Test
  void numbersMatchAcrossTypesAsThePredicateComparesThem() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("cores=1", compile("cores = 1"));
    index.register("cores=1.0", compile("cores = 1.0"));
    index.register("load=1", compile("load = 1"));
    index.register("load=0", compile("load = 0"));
    index.register("value=2", compile("value = 2"));
    index.register("rack=2", compile("rack = 2"));
    index.register("timestamp=5", compile("timestamp = 5"));
    assertEquals(
        Set.of("cores=1", "cores=1.0"), match(index, Map.of("cores", 1L), Map.of(), 7, 0L));
    assertEquals(Set.of("cores=1", "cores=1.0"), match(index, Map.of("cores", 1), Map.of(), 7, 0L));
    assertEquals(Set.of("load=1"), match(index, Map.of("load", 1.0), Map.of(), 7, 0L));
    assertEquals(Set.of("load=0"), match(index, Map.of("load", -0.0), Map.of(), 7, 0L));
    assertEquals(Set.of("value=2", "timestamp=5"), match(index, Map.of(), Map.of(), 5, 2L));
    assertEquals(Set.of("value=2"), match(index, Map.of(), Map.of(), 6, 2.0));
    assertEquals(Set.of("rack=2"), match(index, Map.of(), Map.of("rack", 2L), 7, 0L));
  }

  @Test
  void longsBeyondDoublePrecisionShareABucketButMatchExactly() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("odd", compile("cores = 9007199254740993"));
    index.register("even", compile("cores = 9007199254740992"));
    assertEquals(1, index.bucketCount());
    assertEquals(Set.of("odd"), match(index, Map.of("cores", 9007199254740993L), Map.of(), 0, 0L));
    assertEquals(Set.of("even"), match(index, Map.of("cores", 9007199254740992L), Map.of(), 0, 0L));
  }

  @Test
  void aStringNeverEqualsANumber() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("host=1", compile("host = '1'"));
    index.register("cores=1", compile("cores = 1"));
    assertEquals(Set.of("host=1"), match(index, Map.of("host", "1"), Map.of(), 0, 0L));
    assertEquals(Set.of("cores=1"), match(index, Map.of("cores", 1L), Map.of(), 0, 0L));
  }

  @Test
  void aBitLackingAColumnMatchesOnlyWhatIsTrueWithoutIt() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("eq", compile("host = 'h1'"));
    index.register("not eq", compile("not host = 'h1'"));
    index.register("ne", compile("host <> 'h1'"));
    index.register("like", compile("host like 'h$'"));
    index.register("null", compile("host is null"));
    index.register("not null", compile("host is not null"));
    index.register("or", compile("host = 'h1' or region = 'eu'"));
    index.register("all", compile(""));
    assertEquals(
        Set.of("null", "or", "all"), match(index, Map.of("region", "eu"), Map.of(), 0, 0L));
    assertEquals(Set.of("null", "all"), match(index, Map.of(), Map.of(), 0, 0L));
    assertEquals(
        Set.of("eq", "like", "not null", "or", "all"),
        match(index, Map.of("host", "h1"), Map.of(), 0, 0L));
  }

  @Test
  void timeConditionsFollowTheClockPassedIn() {
    QueryIndex<String> index = new QueryIndex<>();
    index.register("last 5s", compile("host = 'h1' and timestamp >= now - 5s"));
    Bit bit = new Bit(NOW, 1.0, Map.of("host", "h1"), Map.of());
    assertEquals(Set.of("last 5s"), matchIds(index, bit, NOW + 5000));
    assertEquals(Set.of(), matchIds(index, bit, NOW + 5001));
  }

  private static Set<String> match(
      QueryIndex<String> index,
      Map<String, Object> dimensions,
      Map<String, Object> tags,
      long timestamp,
      Number value) {
    return matchIds(index, new Bit(timestamp, value, dimensions, tags), NOW);
  }

  private static Set<String> matchIds(QueryIndex<String> index, Bit bit, long now) {
    Set<String> found = new HashSet<>();
    index.match(bit, now, found::add);
    return found;
  }
}
