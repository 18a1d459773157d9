package io.nsdb.ws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.core.stream.Publisher;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.http.NsdbHttpServer;
import io.nsdb.ws.stream.StreamSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A real NSDb HTTP server for tests: its own temporary data directory, storage, actor system and
 * server bound to a free loopback port, plus a JDK {@link HttpClient} to call it. {@link #close()}
 * stops the server, terminates the actor system, closes the storage and deletes the directory.
 *
 * <p>Start one per test class ({@code @BeforeAll}) and give each test its own database name, so
 * tests sharing the server do not see each other's data.
 */
public final class TestServer implements AutoCloseable {

  public static final String VERSION = "test-version";

  /** Reads answers in tests; independent of the server's own Jackson configuration. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final Storage storage;
  private final ActorSystem<Void> system;
  private final NsdbHttpServer server;
  private final ServerBinding binding;
  private final HttpClient client;
  private final URI base;

  private TestServer(Builder builder) {
    try {
      this.dataDir = Files.createTempDirectory("nsdb-ws-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.storage = Storage.open(StorageConfig.defaults(dataDir));
    // The server checks maxBodyBytes itself; Pekko's own limits follow it, as NodeConfig sets them.
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "pekko.http.server.parsing.max-content-length",
                    builder.maxBodyBytes,
                    "pekko.http.routing.decode-max-size",
                    builder.maxBodyBytes,
                    "pekko.http.server.request-timeout",
                    builder.requestTimeout.toMillis() + 1000 + "ms",
                    "pekko.loglevel",
                    "WARNING",
                    "pekko.loggers",
                    List.of("org.apache.pekko.event.slf4j.Slf4jLogger"),
                    "pekko.logging-filter",
                    "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"))
            .withFallback(ConfigFactory.defaultReference());
    this.system = ActorSystem.create(Behaviors.empty(), "nsdb-test", config);
    HttpSettings settings =
        new HttpSettings(
            "127.0.0.1",
            0,
            builder.advertisedHost,
            builder.advertisedPort,
            builder.requestTimeout,
            builder.maxBodyBytes,
            builder.corsAllowedOrigins,
            4,
            64,
            VERSION);
    this.server =
        new NsdbHttpServer(
            system,
            storage,
            builder.limits,
            new SqlParser(64),
            settings,
            builder.stream,
            Clock.systemUTC());
    try {
      this.binding = server.bind().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      storage.close();
      throw new IllegalStateException("test server did not bind", e);
    }
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
  }

  /** A server with the defaults of {@link Builder}. */
  public static TestServer start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options that differ between test classes; everything else is fixed. */
  public static final class Builder {
    private long maxBodyBytes = 1024 * 1024;
    private QueryLimits limits = QueryLimits.DEFAULTS;
    private List<String> corsAllowedOrigins = List.of("https://dash.example.com");
    private String advertisedHost = "nsdb.example.com";
    private int advertisedPort = 9443;
    private Duration requestTimeout = Duration.ofSeconds(20);
    private StreamSettings stream = StreamSettings.defaults();

    public Builder stream(StreamSettings settings) {
      this.stream = settings;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder queryLimits(QueryLimits limits) {
      this.limits = limits;
      return this;
    }

    public Builder corsAllowedOrigins(List<String> origins) {
      this.corsAllowedOrigins = List.copyOf(origins);
      return this;
    }

    public Builder advertised(String host, int port) {
      this.advertisedHost = host;
      this.advertisedPort = port;
      return this;
    }

    public TestServer start() {
      return new TestServer(this);
    }
  }

  /** The server's continuous-query publisher, e.g. to read its stats. */
  public ActorRef<Publisher.Command> publisher() {
    return server.publisher();
  }

  /** Its stats, read through the publisher's mailbox (a barrier for what it was sent before). */
  public Publisher.Stats publisherStats() {
    return AskPattern.<Publisher.Command, Publisher.Stats>ask(
            server.publisher(), Publisher.GetStats::new, Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture()
        .join();
  }

  /** Stream connections open now, as the server counts them. */
  public int openStreamConnections() {
    return server.openStreamConnections();
  }

  public Storage storage() {
    return storage;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  public HttpClient client() {
    return client;
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  public HttpResponse<String> delete(String pathAndQuery) {
    return send(request(pathAndQuery).DELETE().build());
  }

  /** POSTs {@code body} with Content-Type application/json. */
  public HttpResponse<String> postJson(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** POSTs {@code body}, turned into JSON, with Content-Type application/json. */
  public HttpResponse<String> postJson(String path, Object body) {
    return postJson(path, write(body));
  }

  public HttpResponse<String> putJson(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Writes {@code bits} into one metric with a POST /data batch; fails unless it answers 200. */
  public void insert(String db, String namespace, String metric, List<Map<String, Object>> bits) {
    HttpResponse<String> response =
        postJson("/data", Map.of("db", db, "namespace", namespace, "metric", metric, "bits", bits));
    if (response.statusCode() != 200) {
      throw new AssertionError("insert failed: " + response.statusCode() + " " + response.body());
    }
  }

  /** POST /query with {@code queryString}; the answer as it came. */
  public HttpResponse<String> query(String db, String namespace, String queryString) {
    return postJson("/query", Map.of("db", db, "namespace", namespace, "queryString", queryString));
  }

  /** A bit as NSDb's JSON writes it. */
  public static Map<String, Object> bit(
      long timestamp, Number value, Map<String, ?> dimensions, Map<String, ?> tags) {
    return Map.of("timestamp", timestamp, "value", value, "dimensions", dimensions, "tags", tags);
  }

  public static JsonNode json(HttpResponse<String> response) {
    return read(response.body());
  }

  public static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(String text) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** {@code a=1&b=2}, each value URL-encoded. */
  public static String queryParameters(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    try {
      server.stop(binding, Duration.ofSeconds(5));
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
      storage.close();
      deleteRecursively(dataDir);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
