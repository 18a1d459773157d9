package io.nsdb.bench.storage;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.model.Bit;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryResult;
import io.nsdb.core.query.ResultRow;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The six reference queries of {@code ../shared/bench} on the embedded engine: loads the dataset
 * (unless the data directory already holds it), reopens the storage, then warms each query up (2 s
 * or 1 000 runs) and runs it 5 times timed, printing the median, and checks rows and the sum of the
 * value column against the generator's {@code .meta.json}.
 *
 * <pre>
 * java -Xmx10g -cp nsdb-bench/target/benchmarks.jar io.nsdb.bench.storage.QueryHarness \
 *     /tmp/bench-data/cpu-10m.lp /tmp/nsdb-query
 * </pre>
 */
public final class QueryHarness {

  private QueryHarness() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path data = Path.of(args[1]);
    String meta = Files.readString(Path.of(args[0] + ".meta.json"));
    StorageConfig config =
        StorageConfig.defaults(data)
            .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.INTERVAL));
    if (!Files.exists(data.resolve("catalog"))) {
      List<List<Bit>> batches = LineProtocolFile.read(file, 10_000);
      try (Storage storage = Storage.open(config)) {
        for (List<Bit> batch : batches) {
          storage.insert(IngestHarness.CPU, batch);
        }
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("q1", "SELECT count(*) FROM cpu");
    queries.put("q2", "SELECT avg(value) FROM cpu WHERE host = '{probe_host}'");
    queries.put(
        "q3",
        "SELECT max(value) FROM cpu WHERE timestamp >= {last12_from_ms} AND timestamp < {end_ms}"
            + " GROUP BY host");
    queries.put(
        "q4",
        "SELECT avg(value) FROM cpu WHERE region = '{probe_region}' AND timestamp >= {start_ms}"
            + " AND timestamp < {end_ms} GROUP BY INTERVAL 1h");
    queries.put("q5", "SELECT last(value) FROM cpu GROUP BY host");
    queries.put(
        "q6",
        "SELECT * FROM cpu WHERE host = '{probe_host}' AND timestamp >= {w0_ms} AND timestamp <"
            + " {w1_ms} ORDER BY timestamp");
    try (Storage storage = Storage.open(config)) {
      QueryEngine engine = new QueryEngine(storage);
      for (Map.Entry<String, String> query : queries.entrySet()) {
        String sql = fill(query.getValue(), meta);
        Select select = (Select) SqlParser.parse(sql);
        // A JVM compiles hot code after thousands of calls: warm each query up for 2 s (at most
        // 1 000 runs), as a server answering traffic would be, before timing it.
        QueryResult result = null;
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 1_000 && System.nanoTime() < warmUntil; i++) {
          result = engine.execute(IngestHarness.CPU, select, System.currentTimeMillis());
        }
        double[] millis = new double[5];
        for (int i = 0; i < millis.length; i++) {
          long start = System.nanoTime();
          result = engine.execute(IngestHarness.CPU, select, System.currentTimeMillis());
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double sum = 0;
        for (ResultRow row : result.rows()) {
          sum += row.value() == null ? 0 : row.value().doubleValue();
        }
        String expected = expected(meta, query.getKey());
        System.out.printf(
            Locale.ROOT,
            "%s median %.2f ms [%.2f - %.2f] rows=%d sum=%.5f expected %s   %s%n",
            query.getKey(),
            millis[2],
            millis[0],
            millis[4],
            result.rows().size(),
            sum,
            expected,
            sql);
      }
    }
  }

  private static String fill(String template, String meta) {
    Matcher placeholder = Pattern.compile("\\{(\\w+)}").matcher(template);
    StringBuilder sql = new StringBuilder();
    while (placeholder.find()) {
      Matcher value =
          Pattern.compile("\"" + placeholder.group(1) + "\":\\s*\"?([^\",}]+)\"?").matcher(meta);
      if (!value.find()) {
        throw new IllegalArgumentException("no " + placeholder.group(1) + " in the meta file");
      }
      placeholder.appendReplacement(sql, value.group(1).trim());
    }
    placeholder.appendTail(sql);
    return sql.toString();
  }

  private static String expected(String meta, String query) {
    Matcher m =
        Pattern.compile(
                "\"" + query + "\":\\s*\\{\\s*\"rows\":\\s*(\\d+),\\s*\"sum\":\\s*([-0-9.e]+)")
            .matcher(meta);
    List<String> found = new ArrayList<>();
    if (m.find()) {
      found.add("rows=" + m.group(1) + " sum=" + m.group(2));
    }
    return String.join("", found);
  }
}
