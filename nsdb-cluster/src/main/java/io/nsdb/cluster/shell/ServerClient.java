package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The server's HTTP API as the shell uses it (routes in {@code docs/http.md}). Every call can be
 * cancelled with Ctrl-C through the {@link CancelSignal}: the exchange is abandoned and the call
 * throws {@link ShellError#cancelled()}. A non-2xx answer throws the server's error.
 */
final class ServerClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final CancelSignal cancel;

  ServerClient(String host, int port, CancelSignal cancel) {
    this(
        URI.create("http://" + hostForUri(host) + ":" + port),
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        cancel);
  }

  private ServerClient(URI base, HttpClient http, CancelSignal cancel) {
    this.base = base;
    this.http = http;
    this.cancel = cancel;
  }

  /**
   * This client with calls that Ctrl-C does not abandon: for an import, which stops between
   * batches, so that no batch is left half known (sent, but its answer never read).
   */
  ServerClient uncancellable() {
    return new ServerClient(base, http, CancelSignal.ignoringIdle());
  }

  URI base() {
    return base;
  }

  /** {@code GET /}: the server's name and version, {@code NSDb for the JVM 0.1.0}. */
  String serverName() {
    JsonNode root = send(request("/").timeout(Duration.ofSeconds(3)).GET().build());
    return (root.path("name").asText("NSDb") + " " + root.path("version").asText("")).strip();
  }

  /** {@code POST /query}: the answer's {@code records}. */
  JsonNode query(String db, String namespace, String sql) {
    ObjectNode body = JSON.createObjectNode();
    body.put("db", db).put("namespace", namespace).put("queryString", sql);
    return send(post("/query", body)).path("records");
  }

  /** {@code POST /delete}: runs a DELETE statement; the number of points it removed. */
  long delete(String db, String namespace, String sql) {
    ObjectNode body = JSON.createObjectNode();
    body.put("db", db).put("namespace", namespace).put("queryString", sql);
    return send(post("/delete", body)).path("deleted").asLong();
  }

  /** {@code POST /query/validate}: throws the error {@code /query} would give. */
  void validate(String db, String namespace, String sql) {
    ObjectNode body = JSON.createObjectNode();
    body.put("db", db).put("namespace", namespace).put("queryString", sql);
    send(post("/query/validate", body));
  }

  List<String> databases() {
    return names(send(get("/commands/dbs")).path("dbs"));
  }

  List<String> namespaces(String db) {
    return names(send(get("/commands/" + segment(db) + "/namespaces")).path("namespaces"));
  }

  List<String> metrics(String db, String namespace) {
    return names(
        send(get("/commands/" + segment(db) + "/" + segment(namespace) + "/metrics"))
            .path("metrics"));
  }

  /** {@code GET /commands/{db}/{ns}/{metric}}: {@code fields} and {@code metricInfo}. */
  JsonNode describe(String db, String namespace, String metric) {
    return send(get(metricPath(db, namespace, metric)));
  }

  /** {@code DELETE /commands/{db}/{ns}/{metric}}: what was dropped, {@code db.ns.metric}. */
  String dropMetric(String db, String namespace, String metric) {
    HttpRequest request = request(metricPath(db, namespace, metric)).DELETE().build();
    return send(request).path("dropped").asText();
  }

  /** {@code POST /data} with a batch of bits of one metric; how many the server accepted. */
  long insert(String db, String namespace, String metric, List<? extends JsonNode> bits) {
    ObjectNode body = JSON.createObjectNode();
    body.put("db", db).put("namespace", namespace).put("metric", metric);
    body.putArray("bits").addAll(bits);
    return send(post("/data", body)).path("accepted").asLong();
  }

  /** {@code POST /write}: line protocol, all or nothing. */
  void write(String db, String namespace, String precision, String lines) {
    String query =
        "db=" + encode(db) + "&namespace=" + encode(namespace) + "&precision=" + encode(precision);
    send(
        request("/write?" + query)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(lines, StandardCharsets.UTF_8))
            .build());
  }

  /** Opens {@code /ws-stream} with {@code listener}; cancellable like any call. */
  WebSocket openStream(WebSocket.Listener listener) {
    URI uri = URI.create("ws" + base.toString().substring("http".length()) + "/ws-stream");
    return await(() -> http.newWebSocketBuilder().buildAsync(uri, listener));
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response =
        await(
            () ->
                http.sendAsync(
                    request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    String body = response.body();
    if (response.statusCode() / 100 != 2) {
      throw ShellError.fromResponse(response.statusCode(), body);
    }
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw ShellError.fromResponse(response.statusCode(), body);
    }
  }

  /**
   * Starts {@code call} and waits for it; Ctrl-C abandons it. The cancel hook is in place before
   * the call starts, so a Ctrl-C as soon as the request leaves is not lost.
   */
  private <T> T await(Supplier<CompletionStage<T>> call) {
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();
    CancelSignal.Registration registration =
        cancel.onCancel(
            () -> {
              cancelled.set(true);
              CompletableFuture<T> future = running.get();
              if (future != null) {
                future.cancel(true);
              }
            });
    try {
      CompletableFuture<T> future = call.get().toCompletableFuture();
      running.set(future);
      if (cancelled.get()) {
        future.cancel(true);
      }
      return future.get();
    } catch (CancellationException e) {
      throw ShellError.cancelled();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CompletableFuture<T> future = running.get();
      if (future != null) {
        future.cancel(true);
      }
      throw ShellError.cancelled();
    } catch (ExecutionException e) {
      if (cancelled.get()) {
        // The HTTP client fails a cancelled exchange with an IOException, not a cancellation.
        throw ShellError.cancelled();
      }
      throw ShellError.unreachable(base, e.getCause());
    } finally {
      registration.close();
    }
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest post(String path, JsonNode body) {
    try {
      return request(path)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a request body", e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofMinutes(10));
  }

  private static String metricPath(String db, String namespace, String metric) {
    return "/commands/" + segment(db) + "/" + segment(namespace) + "/" + segment(metric);
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(name -> names.add(name.asText()));
    return names;
  }

  private static String segment(String name) {
    return encode(name).replace("+", "%20");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** An IPv6 literal goes in brackets inside a URI. */
  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
