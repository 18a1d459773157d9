package io.nsdb.bench.streamload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nsdb.bench.load.LatencySummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The run's figures: lines for the terminal and the same in a JSON document, with the issue's
 * targets beside them (p99 of insert-to-frame latency minus the refresh period under 20 ms, zero
 * unreported drops, the insert rate reached).
 */
final class StreamLoadReport {

  /** The latency target: p99 of insert-to-frame latency minus the refresh period. */
  static final double TARGET_P99_MINUS_REFRESH_MS = 20;

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectNode root = json.createObjectNode();
  private final List<String> lines = new ArrayList<>();
  private final List<String> verdicts = new ArrayList<>();
  private final StreamLoadOptions options;
  private boolean ok = true;

  StreamLoadReport(StreamLoadOptions options) {
    this.options = options;
    ObjectNode config = root.putObject("config");
    config
        .put("sockets", options.sockets())
        .put("subscriptions_per_socket", options.subscriptions());
    config.put("hosts", options.hosts()).put("refresh_ms", options.refreshMillis());
    config.put("retention", options.retention()).put("rate", options.rate());
    config.put("duration_s", options.durationSeconds()).put("batch", options.batch());
    config.put("writers", options.writers()).put("client_threads", options.clientThreads());
    line(
        "config    %,d sockets × %,d subscriptions (%,d hosts), refresh %d ms, retention %,d;"
            + " %,d points/s for %d s in batches of %,d over %d writers",
        options.sockets(),
        options.subscriptions(),
        options.hosts(),
        options.refreshMillis(),
        options.retention(),
        options.rate(),
        options.durationSeconds(),
        options.batch(),
        options.writers());
  }

  ObjectNode root() {
    return root;
  }

  boolean ok() {
    return ok;
  }

  void setup(double seconds) {
    root.putObject("setup").put("subscribed_s", round(seconds, 2));
    line("setup     every subscription's historyEnd in %.1f s", seconds);
  }

  void ingest(PacedWriters.Result result, long points) {
    double rate = points / result.seconds();
    LatencySummary request = LatencySummary.ofMicros(result.requestMicros());
    LatencySummary lag = LatencySummary.ofMicros(result.lagMicros());
    ObjectNode ingest = root.putObject("ingest");
    ingest.put("points", points).put("seconds", round(result.seconds(), 3));
    ingest.put("points_per_s", Math.round(rate));
    ingest.set("write_latency_ms", json.valueToTree(request));
    ingest.set("schedule_lag_ms", json.valueToTree(lag));
    line(
        "ingest    %,d points in %.2f s: %,.0f points/s (target %,d)",
        points, result.seconds(), rate, options.rate());
    line(
        "          write latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; behind schedule p50 %.1f"
            + " ms, p99 %.1f ms, max %.1f ms",
        request.p50Ms(), request.p99Ms(), request.maxMs(), lag.p50Ms(), lag.p99Ms(), lag.maxMs());
    verdict(
        "insert rate",
        String.format(Locale.ROOT, "%,.0f points/s", rate),
        String.format(Locale.ROOT, "%,d points/s", options.rate()),
        rate >= options.rate() * 0.99);
  }

  void stream(StreamSocket.Shared totals, long start, long lastFrame, long ingestEnd) {
    double seconds = (lastFrame - start) / 1e9;
    long frames = totals.frames.sum();
    long records = totals.records.sum();
    ObjectNode stream = root.putObject("stream");
    stream.put("frames", frames).put("records", records);
    stream.put("seconds_to_last_frame", round(seconds, 3));
    stream.put("frames_per_s", Math.round(frames / seconds));
    stream.put("records_per_s", Math.round(records / seconds));
    stream.put("message_chars", totals.messageChars.sum());
    stream.put("tail_after_last_insert_s", round((lastFrame - ingestEnd) / 1e9, 3));
    line(
        "stream    %,d frames (%,.0f/s), %,d records (%,.0f/s), %.2f records a frame, %.1f MB of"
            + " messages; last frame %.2f s after the last insert",
        frames,
        frames / seconds,
        records,
        records / seconds,
        frames == 0 ? 0.0 : (double) records / frames,
        totals.messageChars.sum() / 1e6,
        (lastFrame - ingestEnd) / 1e9);
  }

  void latency(Ledger.Latencies latencies) {
    ObjectNode latency = root.putObject("latency_ms");
    latency.set("from_send", percentiles(latencies.fromSend()));
    latency.set("from_ack", percentiles(latencies.fromAck()));
    latency.put("records_before_their_ack", latencies.beforeAck());
    List<String> slices = new ArrayList<>();
    var bySlice = latency.putArray("from_send_p99_by_tenth");
    for (Histogram slice : latencies.bySlice()) {
      bySlice.add(ms(slice, 99));
      slices.add(String.format(Locale.ROOT, "%.0f", ms(slice, 99)));
    }
    int refresh = options.refreshMillis();
    Histogram send = latencies.fromSend();
    line("latency   insert → frame, per record (ms)     p50      p90      p99    p99.9      max");
    line("          from the batch's send     %s", row(send, 0));
    line("            minus refresh %3d ms    %s", refresh, row(send, refresh));
    Histogram steady = new Histogram(3);
    for (int i = latencies.bySlice().length / 2; i < latencies.bySlice().length; i++) {
      steady.add(latencies.bySlice()[i]);
    }
    latency.set("from_send_second_half", percentiles(steady));
    line("          second half of the run    %s", row(steady, 0));
    line("            minus refresh %3d ms    %s", refresh, row(steady, refresh));
    line("          from the batch's ack      %s", row(latencies.fromAck(), 0));
    line(
        "          %,d records (%.1f %%) arrived before their batch's HTTP response",
        latencies.beforeAck(),
        send.getTotalCount() == 0 ? 0.0 : 100.0 * latencies.beforeAck() / send.getTotalCount());
    line("          p99 from the send by tenth of the run (ms): %s", String.join(", ", slices));
    double p99MinusRefresh = send.getValueAtPercentile(99) / 1e3 - refresh;
    verdict(
        "p99 insert→frame − refresh",
        String.format(Locale.ROOT, "%.1f ms", p99MinusRefresh),
        String.format(Locale.ROOT, "< %.0f ms", TARGET_P99_MINUS_REFRESH_MS),
        send.getTotalCount() > 0 && p99MinusRefresh < TARGET_P99_MINUS_REFRESH_MS);
  }

  void accounting(Accounting a, double serverDropped) {
    ObjectNode node = json.valueToTree(a);
    node.put("server_dropped_metric", serverDropped);
    root.set("accounting", node);
    line(
        "account   inserted %,d = received %,d + reported dropped %,d + unaccounted %,d"
            + " (over-reported %,d); server's nsdb_stream_dropped_records_total %,.0f",
        a.inserted(), a.received(), a.dropped(), a.unaccounted(), a.overReported(), serverDropped);
    List<String> anomalies = new ArrayList<>();
    a.anomalies().forEach((name, count) -> anomalies.add(name + " " + count));
    line(
        "          subscriptions closed by the server %,d; anomalies: %s%s",
        a.subscriptionsClosed(),
        String.join(", ", anomalies),
        a.firstError() == null ? "" : " (first error: " + a.firstError() + ")");
    ok &= a.clean();
    verdict(
        "unreported drops",
        String.format(Locale.ROOT, "%,d (reported: %,d)", a.unaccounted(), a.dropped()),
        "0",
        a.unaccounted() == 0);
  }

  void resources(
      double wallSeconds,
      double serverCpu,
      double clientCpu,
      double machineCpu,
      ServerProbe probe,
      Map<String, Double> serverThreads,
      Map<String, Double> clientThreads) {
    ObjectNode server = root.putObject("server");
    server.put("cpu_s", round(serverCpu, 2)).put("cores", round(serverCpu / wallSeconds, 2));
    server.put("heap_used_max_mib", round(probe.maxHeapMiB(), 1));
    server.put("heap_used_end_mib", round(probe.lastHeapMiB(), 1));
    server.put("rss_max_mib", round(probe.maxRssMiB(), 1)).put("samples", probe.samples());
    server.set("cpu_s_by_thread", json.valueToTree(rounded(serverThreads)));
    ObjectNode client = root.putObject("client");
    client.put("cpu_s", round(clientCpu, 2)).put("cores", round(clientCpu / wallSeconds, 2));
    client.set("cpu_s_by_thread", json.valueToTree(rounded(clientThreads)));
    double others = machineCpu - serverCpu - clientCpu;
    root.putObject("machine")
        .put("busy_cpu_s", round(machineCpu, 2))
        .put("other_processes_cpu_s", round(others, 2))
        .put("loadavg_before", root.path("loadavg_before").asText());
    line(
        "server    CPU %.1f s over %.1f s of inserts = %.2f cores; heap used max %.0f MiB (end %.0f"
            + " MiB, %d samples of /metrics); RSS max %.0f MiB",
        serverCpu,
        wallSeconds,
        serverCpu / wallSeconds,
        probe.maxHeapMiB(),
        probe.lastHeapMiB(),
        probe.samples(),
        probe.maxRssMiB());
    line("          by thread: %s", describe(serverThreads));
    line(
        "client    CPU %.1f s = %.2f cores; by thread: %s",
        clientCpu, clientCpu / wallSeconds, describe(clientThreads));
    line(
        "machine   %d cores busy %.2f on average; other processes %.1f s = %.2f cores; load"
            + " average before the run %s",
        Runtime.getRuntime().availableProcessors(),
        machineCpu / wallSeconds,
        others,
        others / wallSeconds,
        root.path("loadavg_before").asText());
  }

  void print(PrintStream out) {
    out.println();
    out.println("== NSDb streaming load harness ==");
    lines.forEach(out::println);
    out.println("target    figure                          measured            target");
    verdicts.forEach(out::println);
    out.println(
        ok
            ? "every point received once or reported dropped: ✓"
            : "POINTS UNACCOUNTED OR PROTOCOL ANOMALIES: ✗");
  }

  void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private void verdict(String figure, String measured, String target, boolean met) {
    ObjectNode targets =
        root.has("targets") ? (ObjectNode) root.get("targets") : root.putObject("targets");
    targets.putObject(figure).put("measured", measured).put("target", target).put("met", met);
    verdicts.add(
        String.format(
            Locale.ROOT, "          %-31s %-19s %s %s", figure, measured, target, met ? "✓" : "✗"));
  }

  private ObjectNode percentiles(Histogram micros) {
    ObjectNode node = json.createObjectNode();
    node.put("count", micros.getTotalCount());
    for (double p : new double[] {50, 90, 99, 99.9}) {
      node.put("p" + (p == 99.9 ? "99.9" : Integer.toString((int) p)), ms(micros, p));
    }
    node.put("max", round(micros.getMaxValue() / 1e3, 3));
    return node;
  }

  private static String row(Histogram micros, int minusMs) {
    StringBuilder row = new StringBuilder();
    for (double p : new double[] {50, 90, 99, 99.9}) {
      row.append(String.format(Locale.ROOT, "%9.1f", ms(micros, p) - minusMs));
    }
    row.append(String.format(Locale.ROOT, "%9.1f", micros.getMaxValue() / 1e3 - minusMs));
    return row.toString();
  }

  private static double ms(Histogram micros, double percentile) {
    return round(micros.getValueAtPercentile(percentile) / 1e3, 3);
  }

  private static String describe(Map<String, Double> threads) {
    List<String> parts = new ArrayList<>();
    threads.forEach(
        (name, seconds) -> parts.add(String.format(Locale.ROOT, "%s %.1f s", name, seconds)));
    return String.join(", ", parts);
  }

  private static Map<String, Double> rounded(Map<String, Double> seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    seconds.forEach((name, value) -> out.put(name, round(value, 2)));
    return out;
  }

  private void line(String format, Object... args) {
    lines.add(String.format(Locale.ROOT, format, args));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
