package io.nsdb.bench.stream;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.Schema;
import io.nsdb.core.stream.CompiledQuery;
import io.nsdb.core.stream.QueryIndex;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What matching one inserted bit against a metric's continuous queries costs, as the number of
 * registered subscriptions grows: {@code select * from cpu where host = 'h<i>'} for i below {@code
 * subscriptions}, and bits over 4096 hosts {@code h0, h250, h500, ...}, so that 1 in 4096 bits
 * matches with one subscription, about 1 in 100 with 10 000 and 1 in 10 with 100 000.
 *
 * <p>{@code index} is {@link QueryIndex#match}; {@code everyQuery} evaluates every query's
 * predicate, the cost the index avoids (and a lower bound on NSDb's per-bit Lucene index).
 *
 * <p>Run with {@code java -jar nsdb-bench/target/benchmarks.jar QueryMatchBenchmark}; see
 * nsdb-bench/README.md for results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class QueryMatchBenchmark {

  private static final int HOSTS = 4096;
  private static final int HOST_STRIDE = 250;
  private static final long NOW = 1_700_000_000_000L;

  @Param({"1", "100", "10000", "100000"})
  public int subscriptions;

  private QueryIndex<Integer> index;
  private CompiledQuery[] queries;
  private Bit[] bits;
  private int next;
  private int matched;
  private final Consumer<Integer> count = id -> matched++;

  @Setup(Level.Trial)
  public void setUp() {
    MetricKey cpu = new MetricKey("db", "ns", "cpu");
    Schema schema = Schema.of(cpu, new Bit(0, 1.0, Map.of("host", "h0", "region", "eu"), Map.of()));
    index = new QueryIndex<>();
    queries = new CompiledQuery[subscriptions];
    for (int i = 0; i < subscriptions; i++) {
      Select select = (Select) SqlParser.parse("select * from cpu where host = 'h" + i + "'");
      queries[i] = CompiledQuery.compile(select, schema);
      index.register(i, queries[i]);
    }
    List<Bit> generated = new ArrayList<>(HOSTS);
    Random random = new Random(42);
    for (int k = 0; k < HOSTS; k++) {
      Map<String, Object> dimensions =
          Map.of("host", "h" + k * HOST_STRIDE, "region", random.nextBoolean() ? "eu" : "us");
      generated.add(new Bit(NOW + k, random.nextDouble(), dimensions, Map.of()));
    }
    Collections.shuffle(generated, random);
    bits = generated.toArray(Bit[]::new);
  }

  private Bit nextBit() {
    Bit bit = bits[next];
    next = (next + 1) & (HOSTS - 1);
    return bit;
  }

  @Benchmark
  public int index() {
    index.match(nextBit(), NOW, count);
    return matched;
  }

  @Benchmark
  public int everyQuery() {
    Bit bit = nextBit();
    for (CompiledQuery query : queries) {
      if (query.matches(bit, NOW)) {
        matched++;
      }
    }
    return matched;
  }
}
