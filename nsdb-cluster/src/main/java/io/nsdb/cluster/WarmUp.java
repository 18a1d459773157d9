package io.nsdb.cluster;

import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.http.NsdbHttpServer;
import io.nsdb.ws.stream.StreamSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JVM before the node serves ({@code nsdb.startup.warm-up}): a scratch storage in a
 * temporary directory, served by a second instance of the same HTTP server on a loopback port, gets
 * line-protocol and JSON writes and every kind of query for the configured time, with continuous
 * queries subscribed on {@code /ws-stream} so that the matching and streaming path warms too, then
 * is closed and deleted. The JIT compiles the request, write and query paths on this synthetic
 * data, so the first requests of users do not run interpreted (which made them 5-20 times slower).
 * The user's data is never touched.
 */
final class WarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private static final int SERIES = 200;
  private static final int POINTS_PER_REQUEST = 2_000;
  private static final long START = 1_704_067_200_000L; // 2024-01-01T00:00Z
  private static final long STEP = 60_000;

  private static final List<String> QUERIES =
      List.of(
          "select count(*) from cpu",
          "select avg(value) from cpu where host = 'h7'",
          "select max(value) from cpu where timestamp >= %1$d and timestamp < %2$d group by host",
          "select avg(value) from cpu where region = 'r3' group by interval 1h",
          "select last(value) from cpu group by host",
          "select * from cpu where host = 'h7' and timestamp >= %1$d and timestamp < %2$d"
              + " order by timestamp",
          "select min(value), sum(value), count(value) from cpu where value > 10 group by region",
          "select first(value) from cpu where host like 'h1$' group by interval 30m",
          "select count(distinct host) from cpu",
          "select * from cpu where region = 'r1' order by value desc limit 10",
          "select host from cpu where value < 5 limit 20");

  /** Continuous queries of every kind, subscribed once the metric exists. */
  private static final List<String> SUBSCRIPTIONS =
      List.of(
          "select * from cpu where host = 'h7'",
          "select host, value from cpu where region = 'r3'",
          "select count(*), max(value) from cpu group by host",
          "select avg(value) from cpu group by interval 1h",
          "select distinct region from cpu");

  private WarmUp() {}

  static void run(ClassicActorSystemProvider system, HttpSettings settings, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    long started = System.nanoTime();
    Path dir = null;
    Storage storage = null;
    NsdbHttpServer server = null;
    ServerBinding binding = null;
    try {
      dir = Files.createTempDirectory("nsdb-warm-up");
      storage = Storage.open(StorageConfig.defaults(dir).withChunkMaxPoints(128));
      HttpSettings scratch =
          new HttpSettings(
              "127.0.0.1",
              0,
              "127.0.0.1",
              0,
              settings.requestTimeout(),
              settings.maxBodyBytes(),
              List.of(),
              settings.workerThreads(),
              settings.maxQueuedRequests(),
              settings.version());
      server =
          new NsdbHttpServer(
              system,
              storage,
              QueryLimits.DEFAULTS,
              new SqlParser(64),
              scratch,
              StreamSettings.defaults(),
              Clock.systemUTC());
      binding = server.bind().toCompletableFuture().get(30, TimeUnit.SECONDS);
      exercise(
          URI.create("http://127.0.0.1:" + binding.localAddress().getPort()), started, duration);
    } catch (Exception e) {
      // Warming is an optimisation: a failure costs speed, never the start.
      LOG.warn("JIT warm-up stopped early: {}", e.toString());
    } finally {
      if (server != null && binding != null) {
        server.stop(binding, Duration.ofSeconds(5));
      }
      if (storage != null) {
        storage.close();
      }
      delete(dir);
    }
    LOG.info(
        "JIT warm-up done in {} ms (nsdb.startup.warm-up)",
        (System.nanoTime() - started) / 1_000_000);
  }

  private static void exercise(URI base, long started, Duration duration)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = started + duration.toNanos();
    long next = 0;
    int round = 0;
    WebSocket stream = null;
    try {
      while (System.nanoTime() < deadline) {
        // Writes: line protocol, then a JSON batch, moving forward in time.
        StringBuilder lines = new StringBuilder();
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < POINTS_PER_REQUEST; i++, next++) {
          long series = next % SERIES;
          long timestamp = START + (next / SERIES) * STEP;
          double value = (next * 7919 % 10_000) / 100.0;
          lines.append("cpu,host=h").append(series).append(",region=r").append(series % 10);
          lines.append(" value=").append(value).append(' ').append(timestamp).append('\n');
          if (i < 200) {
            bits.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(timestamp);
            bits.append(",\"value\":").append(value).append(",\"tags\":{\"host\":\"h");
            bits.append(series).append("\",\"region\":\"r").append(series % 10).append("\"}}");
          }
        }
        send(
            client,
            post(base, "/write?db=warm&namespace=up&precision=ms", lines.toString(), "text/plain"));
        send(
            client,
            post(
                base,
                "/data",
                "{\"db\":\"warm\",\"namespace\":\"up\",\"metric\":\"mem\",\"bits\":[" + bits + "]}",
                "application/json"));
        long to = START + (next / SERIES) * STEP;
        long from = Math.max(START, to - 6 * 3_600_000L);
        for (String query : QUERIES) {
          String sql = query.formatted(from, to);
          send(
              client,
              post(
                  base,
                  "/query",
                  "{\"db\":\"warm\",\"namespace\":\"up\",\"queryString\":\"" + sql + "\"}",
                  "application/json"));
        }
        if (++round % 10 == 0) {
          send(client, HttpRequest.newBuilder(base.resolve("/commands/warm/up/cpu")).build());
        }
        if (stream == null) {
          stream = subscribe(client, base);
        }
      }
    } finally {
      if (stream != null) {
        stream.abort();
      }
    }
  }

  /**
   * Opens a WebSocket on {@code /ws-stream} that subscribes to {@link #SUBSCRIPTIONS} and reads
   * whatever comes, so that every later write is matched, evaluated and framed.
   */
  private static WebSocket subscribe(HttpClient client, URI base) {
    URI uri = URI.create("ws://" + base.getAuthority() + "/ws-stream?refresh_period=100");
    WebSocket socket =
        client
            .newWebSocketBuilder()
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    webSocket.request(1);
                    return null;
                  }
                })
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    for (String query : SUBSCRIPTIONS) {
      socket
          .sendText(
              "{\"db\":\"warm\",\"namespace\":\"up\",\"queryString\":\"" + query + "\"}", true)
          .orTimeout(10, TimeUnit.SECONDS)
          .join();
    }
    return socket;
  }

  private static HttpRequest post(URI base, String path, String body, String contentType) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static void send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(
          "warm-up request failed: " + response.statusCode() + " " + response.body());
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete the warm-up directory {}: {}", dir, e.toString());
    }
  }
}
