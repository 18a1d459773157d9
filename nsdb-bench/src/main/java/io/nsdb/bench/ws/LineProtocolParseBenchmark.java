package io.nsdb.bench.ws;

import io.nsdb.ws.lineprotocol.LineProtocolParser;
import io.nsdb.ws.lineprotocol.ParsedBatch;
import io.nsdb.ws.lineprotocol.Precision;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link LineProtocolParser} takes per line on a {@code POST /write} batch of {@value
 * #LINES} lines shaped like the reference dataset ({@code
 * cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=57.31 1704067225920}, about 79 bytes),
 * 1 000 hosts, millisecond precision: bytes to bits grouped by metric, with one parser reused
 * across batches as the route does, so series come from its cache.
 *
 * <p>Run with {@code java -jar nsdb-bench/target/benchmarks.jar LineProtocolParseBenchmark}. The
 * score is per line (the operation is one batch, {@code @OperationsPerInvocation} lines).
 */
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LineProtocolParseBenchmark {

  static final int LINES = 10_000;
  static final int HOSTS = 1_000;

  private final LineProtocolParser parser = new LineProtocolParser();
  private byte[] body;

  @Setup
  public void makeBatch() {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder(LINES * 80);
    long timestamp = 1_704_067_200_000L;
    for (int i = 0; i < LINES; i++) {
      int host = random.nextInt(HOSTS);
      int region = host % 4;
      text.append("cpu,host=host_")
          .append(String.format("%04d", host))
          .append(",region=region_")
          .append(region)
          .append(",datacenter=dc_")
          .append(region)
          .append('_')
          .append(host % 3)
          .append(" value=")
          .append(random.nextInt(100))
          .append('.')
          .append(String.format("%02d", random.nextInt(100)))
          .append(' ')
          .append(timestamp + i * 10L)
          .append('\n');
    }
    body = text.toString().getBytes(StandardCharsets.UTF_8);
    ParsedBatch batch = parser.parse(body, Precision.MILLISECONDS, 0);
    if (batch.errorCount() != 0 || batch.points() != LINES) {
      throw new IllegalStateException(
          "the benchmark batch does not parse [errors=" + batch.errors() + "]");
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public ParsedBatch parseBatch() {
    return parser.parse(body, Precision.MILLISECONDS, 0);
  }
}
