package io.nsdb.bench.sql;

import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link SqlParser#parse(String)} takes, end to end (lexing, two-stage ANTLR parsing, AST
 * building and validation), for three statements: a trivial select, a select with a large WHERE and
 * every clause, and an insert with dimensions and tags.
 *
 * <p>Run with {@code java -jar nsdb-bench/target/benchmarks.jar SqlParseBenchmark}; the defaults
 * are short (one fork, 3 × 1 s warm-up, 5 × 1 s measurement per mode) so that a run takes about a
 * minute. See nsdb-bench/README.md for results.
 */
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class SqlParseBenchmark {

  /** The shortest useful query. */
  public static final String SIMPLE_SELECT = "select * from cpu limit 10";

  /**
   * A dashboard-style query: ANDs, ORs, NOT, nested parentheses, LIKE, IN over numbers and over
   * {@code now} ranges, GROUP BY INTERVAL, ORDER BY and LIMIT.
   */
  public static final String COMPLEX_WHERE =
      "select count(*), avg(value), max(value) from cpu"
          + " where (host = 'web-01' or host like 'web$' or host like $02)"
          + " and not (region = 'eu-west' or region <> 'us-east' and dc is null)"
          + " and value in (0.5, 100) and timestamp in (now - 1h, now - 30s)"
          + " and (rack != 'r12' or not (cores >= 8 and cores < 64))"
          + " group by interval 5m order by host desc limit 100";

  /** An insert of one bit with a timestamp, three dimensions and two tags. */
  public static final String INSERT =
      "insert into cpu ts = 1700000000000"
          + " dim (host = 'web-01', region = 'eu-west', cores = 8)"
          + " tags (dc = 'fra1', rack = r12)"
          + " val = 0.75";

  /** Fails the run at once if a statement does not parse, rather than measuring an exception. */
  @Setup(Level.Trial)
  public void checkStatementsParse() {
    SqlParser.parse(SIMPLE_SELECT);
    SqlParser.parse(COMPLEX_WHERE);
    SqlParser.parse(INSERT);
  }

  @Benchmark
  public Statement simpleSelect() {
    return SqlParser.parse(SIMPLE_SELECT);
  }

  @Benchmark
  public Statement complexWhere() {
    return SqlParser.parse(COMPLEX_WHERE);
  }

  @Benchmark
  public Statement insertWithDimsAndTags() {
    return SqlParser.parse(INSERT);
  }
}
