package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsdb.cluster.Node;
import io.nsdb.cluster.config.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One real NSDb node on a free loopback port for every shell test, started on first use and stopped
 * when the test JVM exits; each test works in a database of its own ({@link #freshDb()}), so tests
 * sharing the node never see each other's data. Writes and reads for the tests' own checks go
 * through plain HTTP, not through the shell under test.
 */
final class ShellTestServer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static ShellTestServer instance;

  private final Node node;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ShellTestServer(Node node) {
    this.node = node;
  }

  static synchronized ShellTestServer get() {
    if (instance == null) {
      Path data;
      try {
        data = Files.createTempDirectory("nsdb-shell-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Node node =
          Node.start(
              NodeConfig.of(
                  Map.of(
                      "nsdb.http.port", 0,
                      "nsdb.http.interface", "127.0.0.1",
                      "nsdb.storage.data-dir", data.toString(),
                      "nsdb.http.shutdown-deadline", "2s",
                      "nsdb.startup.warm-up", "0s")),
              "shell-test");
      instance = new ShellTestServer(node);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    node.stop();
                    deleteRecursively(data);
                  },
                  "nsdb-shell-test-server-stop"));
    }
    return instance;
  }

  int port() {
    return node.port();
  }

  /** A database name no other test uses. */
  static String freshDb() {
    return "shell" + DATABASES.incrementAndGet();
  }

  /** Writes line protocol (millisecond timestamps) as a client other than the shell would. */
  void write(String db, String namespace, String lines) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    uri("/write?db=" + db + "&namespace=" + namespace + "&precision=ms"))
                .POST(HttpRequest.BodyPublishers.ofString(lines, StandardCharsets.UTF_8))
                .build());
    if (response.statusCode() != 204) {
      throw new AssertionError("write failed: " + response.statusCode() + " " + response.body());
    }
  }

  /** The records of a query, read directly from the server. */
  JsonNode query(String db, String namespace, String sql) {
    try {
      String body =
          JSON.writeValueAsString(Map.of("db", db, "namespace", namespace, "queryString", sql));
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(uri("/query"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build());
      if (response.statusCode() != 200) {
        throw new AssertionError("query failed: " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body()).path("records");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // The temporary folder is left behind; nothing else depends on it.
    }
  }
}
