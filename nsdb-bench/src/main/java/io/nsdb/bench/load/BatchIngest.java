package io.nsdb.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Posts prepared request bodies over {@code conns} keep-alive HTTP/1.1 connections, each writer
 * taking the next batch when its previous one is acknowledged, as the peer harness does. Every
 * response must be 2xx: the first that is not stops the run and fails it with its body.
 *
 * <p>Each writer has its own {@link HttpClient} and sends one request at a time, so each holds
 * exactly one connection: {@code conns} clients, {@code conns} connections.
 */
final class BatchIngest {

  /** The outcome: wall time from the first request to the last acknowledgement, and latencies. */
  record Result(
      int conns, int batches, long points, long bytes, double ackSeconds, Histogram micros) {

    double pointsPerSecond() {
      return points / ackSeconds;
    }
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private BatchIngest() {}

  static Result run(URI base, RequestBatches batches, int conns) throws InterruptedException {
    List<byte[]> bodies = batches.bodies();
    URI target = base.resolve(batches.path());
    AtomicInteger next = new AtomicInteger();
    AtomicReference<String> failure = new AtomicReference<>();
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> writers = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < conns; c++) {
      Histogram micros = new Histogram(3);
      histograms.add(micros);
      writers.add(
          Thread.ofPlatform()
              .name("ingest-" + c)
              .start(() -> write(target, batches.contentType(), bodies, next, failure, micros)));
    }
    for (Thread writer : writers) {
      writer.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("ingest failed: " + failure.get());
    }
    Histogram all = new Histogram(3);
    histograms.forEach(all::add);
    long bytes = 0;
    for (byte[] body : bodies) {
      bytes += body.length;
    }
    return new Result(conns, bodies.size(), batches.points(), bytes, seconds, all);
  }

  private static void write(
      URI target,
      String contentType,
      List<byte[]> bodies,
      AtomicInteger next,
      AtomicReference<String> failure,
      Histogram micros) {
    try (HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build()) {
      for (int i = next.getAndIncrement();
          i < bodies.size() && failure.get() == null;
          i = next.getAndIncrement()) {
        HttpRequest request =
            HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                .build();
        long sent = System.nanoTime();
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        micros.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
        if (response.statusCode() / 100 != 2) {
          String body = new String(response.body(), StandardCharsets.UTF_8);
          failure.compareAndSet(
              null,
              "batch "
                  + i
                  + ": HTTP "
                  + response.statusCode()
                  + " "
                  + body.substring(0, Math.min(body.length(), 500)));
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e.toString());
    } catch (InterruptedException e) {
      failure.compareAndSet(null, "interrupted");
      Thread.currentThread().interrupt();
    }
  }
}
