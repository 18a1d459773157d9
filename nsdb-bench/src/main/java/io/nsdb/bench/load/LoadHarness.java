package io.nsdb.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP load harness, one run: prepare the dataset and its request bodies, start the server,
 * ingest, wait until every point is counted, time the queries, report. Exits 0 when every answer
 * was right, 1 when one was wrong or failed, 2 on bad arguments.
 *
 * <pre>
 * nsdb-bench/load.sh --points 10000000 --hosts 1000 --conns 2 --sync always
 * </pre>
 */
public final class LoadHarness {

  private static final PrintStream OUT = HarnessRun.OUT;

  private LoadHarness() {}

  public static void main(String[] args) throws Exception {
    HarnessRun.main("load harness", LoadOptions.USAGE, args, LoadOptions::parse, LoadHarness::run);
  }

  static boolean run(LoadOptions options) throws Exception {
    LoadReport report = new LoadReport();
    HarnessRun.stamp(report.root(), options.args());
    Prepared prepared = prepare(options, report);
    HarnessRun.withServer(
        "nsdb-load-",
        options.server(),
        report.root(),
        server -> measure(options, prepared, server, report));
    report.print(OUT);
    if (options.out() != null) {
      report.write(options.out());
      OUT.printf("wrote %s%n", options.out());
    }
    return report.allOk();
  }

  /** The request bodies and the expected answers, ready before any clock starts. */
  private record Prepared(
      RequestBatches batches, QueryParams params, Map<String, ExpectedAnswers.Answer> expected) {}

  private static Prepared prepare(LoadOptions options, LoadReport report) throws IOException {
    RequestBatches batches =
        options.mode().equals("data")
            ? new DataJsonBatches(options.batch())
            : new LineProtocolBatches(options.batch());
    long start = System.nanoTime();
    Prepared prepared;
    String source;
    int hosts;
    if (options.data() != null) {
      OUT.printf("reading %s...%n", options.data());
      ReferenceFile file = ReferenceFile.open(options.data());
      ExpectedAnswers computed = new ExpectedAnswers(file.params());
      file.read(PointSink.both(batches, computed));
      // The generator's answers are the reference the peers were checked against; ours, from the
      // same points, must agree, or the reduction here differs from theirs.
      computed
          .answers()
          .forEach(
              (id, answer) -> {
                ExpectedAnswers.Answer theirs = file.expected().get(id);
                if (theirs != null && !answer.matches(theirs)) {
                  OUT.printf(
                      "warning: %s computed here as %s, the meta file says %s%n",
                      id, answer, theirs);
                }
              });
      prepared = new Prepared(batches, file.params(), file.expected());
      source = options.data().toString();
      hosts = file.hosts();
    } else {
      DatasetSpec spec = DatasetSpec.of(options.points(), options.hosts(), options.seed());
      OUT.printf("generating %,d points over %,d hosts...%n", spec.points(), spec.hosts());
      ExpectedAnswers expected = new ExpectedAnswers(spec.params());
      DatasetGenerator.generate(spec, PointSink.both(batches, expected));
      prepared = new Prepared(batches, spec.params(), expected.answers());
      source = "generated, seed " + options.seed();
      hosts = spec.hosts();
    }
    long bytes = batches.bodies().stream().mapToLong(body -> body.length).sum();
    report.dataset(
        source,
        batches.points(),
        hosts,
        batches.bodies().size(),
        bytes,
        (System.nanoTime() - start) / 1e9);
    return prepared;
  }

  private static void measure(
      LoadOptions options, Prepared prepared, ServerProcess server, LoadReport report)
      throws Exception {
    Map<String, String> queries = QuerySet.load(prepared.params());
    long pid = server.pid();
    try (QueryRunner runner = new QueryRunner(server.url())) {
      OUT.printf(
          "ingesting %,d points in %,d requests over %d connections (%s)...%n",
          prepared.batches().points(),
          prepared.batches().bodies().size(),
          options.conns(),
          options.mode());
      long self = ProcessHandle.current().pid();
      double cpu0 = ProcessStats.cpuSeconds(pid);
      double clientCpu0 = ProcessStats.cpuSeconds(self);
      long start = System.nanoTime();
      BatchIngest.Result ingest =
          BatchIngest.run(server.url(), prepared.batches(), options.conns());
      double cpuAck = ProcessStats.cpuSeconds(pid);
      double clientCpuAck = ProcessStats.cpuSeconds(self) - clientCpu0;
      QueryRunner.Visibility visible =
          runner.awaitCount(
              queries.get("q1"), prepared.batches().points(), start, options.visibleTimeout());
      double cpuVisible = ProcessStats.cpuSeconds(pid);
      report.ingest(
          options.mode(), ingest, visible, cpuAck - cpu0, cpuVisible - cpu0, clientCpuAck);
      long hwmAfterIngest = ProcessStats.statusKb(pid, "VmHWM").orElse(-1);
      Map<String, Long> disk = new LinkedHashMap<>();
      server
          .dataDir()
          .ifPresent(
              dir -> {
                disk.put("apparent_bytes", ProcessStats.apparentBytes(dir));
                disk.put("allocated_bytes", ProcessStats.allocatedBytes(dir).orElse(-1));
              });

      double queryCpu0 = ProcessStats.cpuSeconds(pid);
      for (Map.Entry<String, String> query : queries.entrySet()) {
        String id = query.getKey();
        ExpectedAnswers.Answer expected = prepared.expected().get(id);
        try {
          QueryRunner.Measured measured =
              runner.measure(id, query.getValue(), options.warmup(), options.runs(), expected);
          report.query(measured);
          OUT.printf(
              "%s median %.2f ms, %s%n", id, measured.latency().p50Ms(), measured.ok() ? "✓" : "✗");
        } catch (IOException e) {
          report.queryError(id, query.getValue(), e);
          OUT.printf("%s ✗ %s%n", id, e.getMessage());
        }
      }
      double queryCpu = ProcessStats.cpuSeconds(pid) - queryCpu0;
      report.resources(
          queryCpu, hwmAfterIngest, ProcessStats.statusKb(pid, "VmHWM").orElse(-1), disk);
    }
  }
}
