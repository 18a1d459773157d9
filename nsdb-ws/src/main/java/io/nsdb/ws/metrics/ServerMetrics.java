package io.nsdb.ws.metrics;

import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The server's own figures in Prometheus' registry, served as text by {@code GET /metrics}:
 * requests by route and status, request and query latency, points written, lines rejected, open
 * sockets, subscriptions and dropped stream records, the storage engine's head and commit log (read
 * from {@link Storage#stats()} at each scrape), and the JVM's (heap, GC, threads).
 */
public final class ServerMetrics {

  private static final double[] LATENCY_BUCKETS = {
    .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram requestSeconds;
  private final Histogram querySeconds;
  private final Counter pointsWritten;
  private final Counter linesRejected;
  private final AtomicLong openSockets = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final Counter droppedRecords;

  private final Supplier<StorageStats> storage;
  // The engine's figures, read once per scrape for all the gauges that show them: reading them
  // visits every metric under its lock, which is not worth doing once per gauge.
  private volatile StorageStats scraped;

  public ServerMetrics(Supplier<StorageStats> storage, Supplier<Integer> queuedRequests) {
    this.storage = storage;
    requests =
        Counter.builder()
            .name("nsdb_http_requests_total")
            .help("HTTP requests answered, by route, method and status code")
            .labelNames("route", "method", "status")
            .register(registry);
    requestSeconds =
        Histogram.builder()
            .name("nsdb_http_request_duration_seconds")
            .help("Time from a request's arrival to its answer, by route")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .register(registry);
    querySeconds =
        Histogram.builder()
            .name("nsdb_query_duration_seconds")
            .help("Time the engine spent executing SELECT statements")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .register(registry);
    pointsWritten =
        Counter.builder()
            .name("nsdb_write_points_total")
            .help("Points acknowledged to writers (durable and queryable)")
            .register(registry);
    linesRejected =
        Counter.builder()
            .name("nsdb_write_lines_rejected_total")
            .help("Line-protocol lines refused as malformed")
            .register(registry);
    droppedRecords =
        Counter.builder()
            .name("nsdb_stream_dropped_records_total")
            .help("Streamed records dropped past a subscription's retention_size (reported)")
            .register(registry);
    gauge("nsdb_websocket_open_sockets", "Open /ws-stream connections", openSockets::get);
    gauge("nsdb_subscriptions", "Live continuous-query subscriptions", subscriptions::get);
    gauge(
        "nsdb_worker_queued_requests",
        "Requests waiting for a worker thread",
        () -> queuedRequests.get());
    gauge("nsdb_head_points", "Points held only in memory", () -> scraped.headPoints());
    gauge("nsdb_head_bytes", "Bytes held by the in-memory head", () -> scraped.headBytes());
    gauge("nsdb_shards_open", "Open Lucene shard indexes", () -> scraped.shards());
    gauge(
        "nsdb_commit_log_unsynced_writes",
        "Writes in the commit log not yet forced to disk (LSNs)",
        () -> {
          StorageStats stats = scraped;
          return Math.max(0, stats.nextLsn() - 1 - stats.durableLsn());
        });
    gauge(
        "nsdb_commit_log_bytes",
        "Commit-log bytes on disk, not yet covered by an index commit",
        () -> scraped.logBytes());
    gauge("nsdb_commit_log_segments", "Commit-log segment files", () -> scraped.logSegments());
    JvmMetrics.builder().register(registry);
  }

  private void gauge(String name, String help, Supplier<Number> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.get().doubleValue()))
        .register(registry);
  }

  public void requestAnswered(String route, String method, int status, long nanos) {
    requests.labelValues(route, method, Integer.toString(status)).inc();
    requestSeconds.labelValues(route).observe(nanos / 1e9);
  }

  public void queryFinished(long nanos) {
    querySeconds.observe(nanos / 1e9);
  }

  public void pointsWritten(long points) {
    pointsWritten.inc(points);
  }

  public void linesRejected(long lines) {
    linesRejected.inc(lines);
  }

  /** For the streaming layer: sockets opened (+1) and closed (-1). */
  public void socketsChanged(int delta) {
    openSockets.addAndGet(delta);
  }

  public void subscriptionsChanged(int delta) {
    subscriptions.addAndGet(delta);
  }

  public void recordsDropped(long records) {
    droppedRecords.inc(records);
  }

  public String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  /** The exposition text of every figure now. */
  public byte[] scrape() {
    var out = new ByteArrayOutputStream(16 * 1024);
    try {
      scraped = storage.get();
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
