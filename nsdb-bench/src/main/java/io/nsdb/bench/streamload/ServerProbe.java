package io.nsdb.bench.streamload;

import io.nsdb.bench.load.ProcessStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Samples the server once a second while the run goes on: its used heap from {@code GET /metrics}
 * ({@code jvm_memory_used_bytes{area="heap"}}, Prometheus text) and its resident memory from {@code
 * /proc}. Keeps the largest of each and the last reading of {@code
 * nsdb_stream_dropped_records_total}, the server's own count of dropped stream records.
 */
final class ServerProbe implements AutoCloseable {

  private static final String HEAP = "jvm_memory_used_bytes{area=\"heap\"}";
  private static final String DROPPED = "nsdb_stream_dropped_records_total";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final HttpRequest scrape;
  private final long pid;
  private final Thread thread;
  private volatile boolean stop;
  private volatile double maxHeapBytes = Double.NaN;
  private volatile double lastHeapBytes = Double.NaN;
  private volatile long maxRssKb = -1;
  private volatile double serverDropped = Double.NaN;
  private volatile int samples;

  ServerProbe(URI base, long pid) {
    this.scrape =
        HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(5)).build();
    this.pid = pid;
    this.thread = Thread.ofPlatform().daemon().name("server-probe").start(this::loop);
  }

  private void loop() {
    while (!stop) {
      sample();
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One reading now (also called once more at the end of the run). */
  synchronized void sample() {
    ProcessStats.statusKb(pid, "VmRSS").ifPresent(kb -> maxRssKb = Math.max(maxRssKb, kb));
    try {
      String text = client.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      OptionalDouble heap = value(text, HEAP);
      if (heap.isPresent()) {
        lastHeapBytes = heap.getAsDouble();
        maxHeapBytes =
            Double.isNaN(maxHeapBytes) ? lastHeapBytes : Math.max(maxHeapBytes, lastHeapBytes);
      }
      value(text, DROPPED).ifPresent(dropped -> serverDropped = dropped);
      samples++;
    } catch (IOException e) {
      // A missed sample: the next one counts.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The value of the first sample line that starts with {@code series} (name and labels). */
  static OptionalDouble value(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series) && line.length() > series.length()) {
        char next = line.charAt(series.length());
        if (next == ' ' || (next == '{' && !series.contains("{"))) {
          String[] parts = line.trim().split("\\s+");
          try {
            return OptionalDouble.of(Double.parseDouble(parts[parts.length - 1]));
          } catch (NumberFormatException e) {
            return OptionalDouble.empty();
          }
        }
      }
    }
    return OptionalDouble.empty();
  }

  double maxHeapMiB() {
    return maxHeapBytes / (1 << 20);
  }

  double lastHeapMiB() {
    return lastHeapBytes / (1 << 20);
  }

  double maxRssMiB() {
    return maxRssKb < 0 ? Double.NaN : maxRssKb / 1024.0;
  }

  double serverDropped() {
    return serverDropped;
  }

  int samples() {
    return samples;
  }

  @Override
  public void close() {
    stop = true;
    thread.interrupt();
    client.close();
  }
}
