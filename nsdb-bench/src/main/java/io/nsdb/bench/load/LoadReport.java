package io.nsdb.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's figures: a readable summary for the terminal and the same in a JSON document, shaped
 * after the peer harness's result file where the figures are the same.
 */
final class LoadReport {

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = json.createObjectNode();
  private final List<String> lines = new ArrayList<>();
  private boolean allOk = true;

  ObjectNode root() {
    return root;
  }

  boolean allOk() {
    return allOk;
  }

  void dataset(String source, long points, int hosts, int batches, long bytes, double seconds) {
    ObjectNode dataset = root.putObject("dataset");
    dataset.put("source", source).put("points", points).put("hosts", hosts);
    dataset.put("batches", batches).put("bytes", bytes).put("prepared_s", round(seconds, 2));
    line(
        "dataset   %s: %,d points over %,d hosts, %,d batches, %.1f MB, prepared in %.1f s",
        source, points, hosts, batches, bytes / 1e6, seconds);
  }

  void ingest(
      String mode,
      BatchIngest.Result result,
      QueryRunner.Visibility visible,
      double cpuToAck,
      double cpuToVisible,
      double clientCpuToAck) {
    LatencySummary latency = LatencySummary.ofMicros(result.micros());
    ObjectNode ingest = root.putObject("ingest");
    ingest.put("mode", mode).put("conns", result.conns()).put("batches", result.batches());
    ingest.put("points", result.points()).put("request_bytes", result.bytes());
    ingest.put("ack_s", round(result.ackSeconds(), 3));
    ingest.put("points_per_s_ack", Math.round(result.pointsPerSecond()));
    ingest.put("visible_s", round(visible.sentSeconds(), 3));
    ingest.put("visible_confirmed_s", round(visible.answeredSeconds(), 3));
    ingest.put("points_per_s_visible", Math.round(result.points() / visible.sentSeconds()));
    ingest.put("count_after", visible.count()).put("count_polls", visible.polls());
    boolean countOk = visible.count() == result.points();
    ingest.put("count_ok", countOk);
    ingest.set("request_latency_ms", json.valueToTree(latency));
    ingest.put("server_cpu_s_to_ack", round(cpuToAck, 2));
    ingest.put("server_cpu_s_to_visible", round(cpuToVisible, 2));
    // The client shares the machine's cores with the server: what it took is not the server's.
    ingest.put("client_cpu_s_to_ack", round(clientCpuToAck, 2));
    allOk &= countOk;
    line(
        "ingest    %s, %d conns: %,.0f points/s acknowledged (%.2f s), %,.0f points/s queryable"
            + " (%.2f s)",
        mode,
        result.conns(),
        result.pointsPerSecond(),
        result.ackSeconds(),
        result.points() / visible.sentSeconds(),
        visible.sentSeconds());
    line(
        "          request latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%,d requests)",
        latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.maxMs(), latency.count());
    line(
        "          count after ingest %,d %s (%d polls); server CPU %.1f s to ack, %.1f s to"
            + " queryable; harness CPU %.1f s to ack",
        visible.count(),
        countOk ? "✓" : "✗ EXPECTED " + result.points(),
        visible.polls(),
        cpuToAck,
        cpuToVisible,
        clientCpuToAck);
  }

  void query(QueryRunner.Measured query) {
    ArrayNode queries =
        root.has("queries") ? (ArrayNode) root.get("queries") : root.putArray("queries");
    ObjectNode entry = queries.addObject();
    entry.put("id", query.id()).put("sql", query.sql());
    ArrayNode times = entry.putArray("times_ms");
    query.millis().forEach(ms -> times.add(round(ms, 3)));
    entry.put("median_ms", round(query.latency().p50Ms(), 3));
    entry.put("p99_ms", round(query.latency().p99Ms(), 3));
    entry.put("max_ms", round(query.latency().maxMs(), 3));
    entry.put("response_bytes", query.responseBytes());
    entry.put("rows", query.answer().rows()).put("sum", query.answer().sum());
    entry.put("expected_rows", query.expected().rows());
    entry.put("expected_sum", query.expected().sum());
    entry.put("ok", query.ok());
    allOk &= query.ok();
    line(
        "%s        median %8.2f ms  p99 %8.2f ms  max %8.2f ms  rows %,d sum %.4f %s",
        query.id(),
        query.latency().p50Ms(),
        query.latency().p99Ms(),
        query.latency().maxMs(),
        query.answer().rows(),
        query.answer().sum(),
        query.ok()
            ? "✓"
            : String.format(
                Locale.ROOT,
                "✗ WRONG, expected rows %,d sum %.4f",
                query.expected().rows(),
                query.expected().sum()));
  }

  void queryError(String id, String sql, Exception error) {
    ArrayNode queries =
        root.has("queries") ? (ArrayNode) root.get("queries") : root.putArray("queries");
    queries
        .addObject()
        .put("id", id)
        .put("sql", sql)
        .put("error", error.toString())
        .put("ok", false);
    allOk = false;
    line("%s        ✗ FAILED: %s", id, error.getMessage());
  }

  /** Server CPU during the queries, peak RSS, data directory bytes (negative: unknown). */
  void resources(
      double queryCpu, long peakRssKbAfterIngest, long peakRssKbEnd, Map<String, Long> disk) {
    ObjectNode resources = root.putObject("server");
    resources.put("query_cpu_s", round(queryCpu, 2));
    resources.put("vmhwm_kb_after_ingest", peakRssKbAfterIngest);
    resources.put("vmhwm_kb_end", peakRssKbEnd);
    ObjectNode diskNode = resources.putObject("disk_after_ingest");
    disk.forEach(diskNode::put);
    line(
        "server    CPU %.1f s during the queries; peak RSS %,d MiB after ingest, %,d MiB at the end",
        queryCpu, peakRssKbAfterIngest / 1024, peakRssKbEnd / 1024);
    Long apparent = disk.get("apparent_bytes");
    long points = root.path("dataset").path("points").asLong(0);
    if (apparent != null && apparent >= 0 && points > 0) {
      line(
          "disk      %,d bytes after ingest (%.2f bytes/point; allocated %,d)",
          apparent, (double) apparent / points, disk.getOrDefault("allocated_bytes", -1L));
    }
  }

  void print(PrintStream out) {
    out.println();
    out.println("== NSDb load harness ==");
    lines.forEach(out::println);
    out.println(allOk ? "all answers checked: ✓" : "SOME ANSWERS WRONG OR MISSING: ✗");
  }

  void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    json.writeValue(file.toFile(), root);
  }

  private void line(String format, Object... args) {
    lines.add(String.format(Locale.ROOT, format, args));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
