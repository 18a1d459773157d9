package io.nsdb.bench.streamload;

import io.nsdb.bench.load.HarnessRun;
import io.nsdb.bench.load.ProcessStats;
import io.nsdb.bench.load.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The end-to-end streaming load harness, one run: start the server (or use a running one), open the
 * sockets and subscribe, insert at the paced rate, wait for the last frames, account for every
 * point, report latency, drops and the server's CPU and heap. Exits 0 when every point was received
 * once or reported dropped and no protocol anomaly was seen, 1 otherwise, 2 on bad arguments.
 *
 * <pre>
 * nsdb-bench/stream-load.sh --sockets 1000 --subs 10 --rate 100000 --duration 60
 * </pre>
 */
public final class StreamLoadHarness {

  private static final PrintStream OUT = HarnessRun.OUT;

  /** At most this many sockets are opening at once. */
  private static final int CONNECTS_IN_FLIGHT = 64;

  private StreamLoadHarness() {}

  public static void main(String[] args) throws Exception {
    HarnessRun.main(
        "stream load harness",
        StreamLoadOptions.USAGE,
        args,
        StreamLoadOptions::parse,
        StreamLoadHarness::run);
  }

  static boolean run(StreamLoadOptions options) throws Exception {
    StreamLoadReport report = new StreamLoadReport(options);
    HarnessRun.stamp(report.root(), options.args());
    report.root().put("loadavg_before", loadAverage());
    HarnessRun.withServer(
        "nsdb-stream-load-",
        options.server(),
        report.root(),
        server -> measure(options, server, report));
    report.print(OUT);
    if (options.out() != null) {
      report.write(options.out());
      OUT.printf("wrote %s%n", options.out());
    }
    return report.ok();
  }

  private static void measure(
      StreamLoadOptions options, ServerProcess server, StreamLoadReport report) throws Exception {
    Ledger ledger = new Ledger(options.batches(), options.batch(), options.hosts());
    PacedWriters.seed(server.url());

    ExecutorService readers =
        Executors.newFixedThreadPool(
            options.clientThreads(),
            Thread.ofPlatform().daemon().name("stream-reader-", 0).factory());
    List<HttpClient> clients = new ArrayList<>();
    for (int c = 0; c < options.wsClients(); c++) {
      clients.add(HttpClient.newBuilder().executor(readers).build());
    }
    StreamSocket.Shared shared = new StreamSocket.Shared(ledger, options.hosts());
    OUT.printf(
        "opening %,d sockets × %,d subscriptions (refresh %d ms, retention %,d)...%n",
        options.sockets(), options.subscriptions(), options.refreshMillis(), options.retention());
    long connectStart = System.nanoTime();
    List<StreamSocket> sockets = connect(options, server.url(), clients, shared);
    long timeoutSeconds = 60 + options.hosts() / 100L;
    if (!shared.subscribed.await(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "subscriptions not all ready [waiting="
              + shared.subscribed.getCount()
              + ", timeout="
              + timeoutSeconds
              + " s]: "
              + shared.firstError.get());
    }
    double setupSeconds = (System.nanoTime() - connectStart) / 1e9;
    if (shared.firstError.get() != null) {
      throw new IllegalStateException("subscribe failed: " + shared.firstError.get());
    }
    report.setup(setupSeconds);
    OUT.printf(
        "subscribed in %.1f s; inserting %,d points at %,d/s...%n",
        setupSeconds, ledger.points, options.rate());

    long self = ProcessHandle.current().pid();
    try (ServerProbe probe = new ServerProbe(server.url(), server.pid())) {
      Map<String, Double> threads0 = ThreadCpu.snapshot(server.pid());
      Map<String, Double> clientThreads0 = ThreadCpu.snapshot(self);
      double serverCpu0 = ProcessStats.cpuSeconds(server.pid());
      double clientCpu0 = ProcessStats.cpuSeconds(self);
      double machine0 = ThreadCpu.machineBusySeconds();
      PacedWriters.Result ingest =
          PacedWriters.run(server.url(), ledger, options.rate(), options.writers());
      double serverCpuIngest = ProcessStats.cpuSeconds(server.pid()) - serverCpu0;
      double clientCpuIngest = ProcessStats.cpuSeconds(self) - clientCpu0;
      double machineIngest = ThreadCpu.machineBusySeconds() - machine0;
      Map<String, Double> threads1 = ThreadCpu.snapshot(server.pid());
      Map<String, Double> clientThreads1 = ThreadCpu.snapshot(self);
      OUT.printf("inserted in %.1f s; waiting for the last frames...%n", ingest.seconds());
      long drainEnd = drain(options, shared, ingest.endNanos());
      probe.sample();
      Accounting accounting = Accounting.of(sockets, shared);
      report.ingest(ingest, ledger.points);
      report.stream(shared, ingest.startNanos(), drainEnd, ingest.endNanos());
      report.latency(ledger.latencies(10));
      report.accounting(accounting, probe.serverDropped());
      report.resources(
          ingest.seconds(),
          serverCpuIngest,
          clientCpuIngest,
          machineIngest,
          probe,
          ThreadCpu.top(threads0, threads1, 8),
          ThreadCpu.top(clientThreads0, clientThreads1, 5));
    } finally {
      closeAll(sockets);
      clients.forEach(HttpClient::shutdownNow);
      readers.shutdownNow();
    }
  }

  private static List<StreamSocket> connect(
      StreamLoadOptions options, URI base, List<HttpClient> clients, StreamSocket.Shared shared)
      throws InterruptedException {
    URI uri =
        URI.create(
            "ws://"
                + base.getAuthority()
                + "/ws-stream?refresh_period="
                + options.refreshMillis()
                + "&retention_size="
                + options.retention());
    Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<StreamSocket> sockets = new ArrayList<>();
    List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
    for (int j = 0; j < options.sockets() && failure.get() == null; j++) {
      StreamSocket socket =
          new StreamSocket(j * options.subscriptions(), options.subscriptions(), shared);
      sockets.add(socket);
      inFlight.acquire();
      opened.add(
          clients
              .get(j % clients.size())
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .buildAsync(uri, socket)
              .thenCompose(socket::subscribeAll)
              .whenComplete(
                  (ws, error) -> {
                    inFlight.release();
                    if (error != null) {
                      failure.compareAndSet(null, error);
                    }
                  }));
    }
    CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new))
        .exceptionally(error -> null)
        .join();
    if (failure.get() != null) {
      closeAll(sockets);
      throw new IllegalStateException(
          "could not open and subscribe every socket [opened=" + sockets.size() + "]",
          failure.get());
    }
    return sockets;
  }

  /**
   * Waits after the last insert until every point is received or reported dropped, or no frame came
   * for a quiet spell (ten refresh periods, at least 3 s), or the drain timeout; returns when.
   */
  private static long drain(StreamLoadOptions options, StreamSocket.Shared shared, long ingestEnd)
      throws InterruptedException {
    long quiet = Math.max(Duration.ofSeconds(3).toNanos(), options.refreshMillis() * 10_000_000L);
    long deadline = ingestEnd + options.drainTimeout().toNanos();
    while (true) {
      long now = System.nanoTime();
      long accounted = shared.records.sum() + shared.dropped.sum();
      long lastActivity = Math.max(ingestEnd, shared.lastFrameNanos);
      if (accounted >= shared.ledger.points || now - lastActivity > quiet || now > deadline) {
        return Math.max(ingestEnd, shared.lastFrameNanos);
      }
      Thread.sleep(20);
    }
  }

  /** The first three fields of {@code /proc/loadavg}: how busy the machine was before the run. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void closeAll(List<StreamSocket> sockets) {
    List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
    for (StreamSocket socket : sockets) {
      WebSocket ws = socket.webSocket();
      if (ws != null && !ws.isOutputClosed()) {
        closing.add(ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
      }
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The server stops next anyway.
    }
    for (StreamSocket socket : sockets) {
      WebSocket ws = socket.webSocket();
      if (ws != null) {
        ws.abort();
      }
    }
  }
}
