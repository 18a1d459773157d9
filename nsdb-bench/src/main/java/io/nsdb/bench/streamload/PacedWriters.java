package io.nsdb.bench.streamload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Inserts the run's points over {@code POST /write} at a fixed rate: batch {@code b} is due at
 * {@code start + b × batch / rate} and is sent by the first free writer once due (a writer whose
 * previous batch is still unanswered cannot send, so a slow server shows as schedule lag, which is
 * reported, never as a faster catch-up burst than the writers allow). Each writer has its own
 * keep-alive HTTP/1.1 connection. A line is {@code stream_load,host=h<s % hosts> value=<s>i <ms>}
 * for sequence number {@code s}; the send and acknowledgement time of each batch go to the {@link
 * Ledger}. Every response must be 2xx: the first that is not stops the run.
 */
final class PacedWriters {

  static final String METRIC = "stream_load";
  static final String DB = "bench";
  static final String NAMESPACE = "stream";
  static final String WRITE_PATH = "/write?db=" + DB + "&namespace=" + NAMESPACE + "&precision=ms";

  /** What the writers did: wall time to the last acknowledgement, request latency, lag. */
  record Result(long startNanos, long endNanos, Histogram requestMicros, Histogram lagMicros) {
    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private PacedWriters() {}

  /** One point of a host no subscription asks for, so that the metric and its schema exist. */
  static void seed(URI base) throws IOException, InterruptedException {
    try (HttpClient client = newClient()) {
      String line = METRIC + ",host=seed value=0i " + System.currentTimeMillis() + "\n";
      send(client, base.resolve(WRITE_PATH), line.getBytes(StandardCharsets.US_ASCII), -1);
    }
  }

  static Result run(URI base, Ledger ledger, int rate, int writers) throws InterruptedException {
    Schedule schedule = new Schedule(base.resolve(WRITE_PATH), ledger, rate, System.nanoTime());
    Histogram request = new Histogram(3);
    Histogram lag = new Histogram(3);
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            writers, Thread.ofPlatform().name("stream-writer-", 0).factory())) {
      List<Future<Histogram[]>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(schedule::write));
      }
      for (Future<Histogram[]> writer : done) {
        Histogram[] figures = writer.get();
        request.add(figures[0]);
        lag.add(figures[1]);
      }
    } catch (ExecutionException e) {
      schedule.stop = true;
      throw new IllegalStateException("insert failed: " + e.getCause(), e.getCause());
    }
    return new Result(schedule.start, System.nanoTime(), request, lag);
  }

  /** The batches, their due times, and the next one to send; shared by the writers. */
  private static final class Schedule {
    final URI target;
    final Ledger ledger;
    final double batchNanos;
    final long start;
    final AtomicInteger next = new AtomicInteger();
    volatile boolean stop;

    Schedule(URI target, Ledger ledger, int rate, long start) {
      this.target = target;
      this.ledger = ledger;
      this.batchNanos = ledger.batch * 1e9 / rate;
      this.start = start;
    }

    /** One writer: sends due batches until none is left; its request latencies and lags. */
    Histogram[] write() throws IOException, InterruptedException {
      Histogram request = new Histogram(3);
      Histogram lag = new Histogram(3);
      int batches = ledger.sendNanos.length;
      try (HttpClient client = newClient()) {
        for (int b = next.getAndIncrement(); b < batches && !stop; b = next.getAndIncrement()) {
          long due = start + (long) (b * batchNanos);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          byte[] body = body(ledger, b);
          long sent = System.nanoTime();
          lag.recordValue(Math.max(0, (sent - due) / 1_000));
          ledger.sendNanos[b] = sent;
          try {
            send(client, target, body, b);
          } catch (IOException | RuntimeException e) {
            stop = true;
            throw e;
          }
          long acked = System.nanoTime();
          ledger.ackNanos[b] = acked;
          request.recordValue(Math.max(1, (acked - sent) / 1_000));
        }
      }
      return new Histogram[] {request, lag};
    }
  }

  /**
   * Batch {@code b}'s lines. Timestamps are the wall clock, plus a millisecond per round of the
   * hosts within the batch, so that a host's points in one batch have distinct timestamps.
   */
  static byte[] body(Ledger ledger, int b) {
    long now = System.currentTimeMillis();
    StringBuilder lines = new StringBuilder(ledger.batch * 48);
    long first = (long) b * ledger.batch;
    for (int i = 0; i < ledger.batch; i++) {
      long seq = first + i;
      lines
          .append(METRIC)
          .append(",host=h")
          .append(seq % ledger.hosts)
          .append(" value=")
          .append(seq)
          .append("i ")
          .append(now + i / ledger.hosts)
          .append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static void send(HttpClient client, URI target, byte[] body, int b)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      String text = response.body();
      throw new IOException(
          "write refused [batch="
              + b
              + ", status="
              + response.statusCode()
              + "]: "
              + text.substring(0, Math.min(500, text.length())));
    }
  }
}
