package io.nsdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsdb.cluster.config.NodeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node on loopback: it starts and serves, refuses to start with a one-line reason (port in
 * use, data directory in use or not writable), and a graceful stop loses no acknowledged point.
 */
class NodeTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private final List<Node> started = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    for (Node node : started) {
      node.stop();
    }
  }

  @Test
  void startedNodeServesStatusAndDescribesWhereItListens() throws Exception {
    Node node = start(tmp.resolve("data"), 0);

    HttpResponse<String> status = get(node, "/status");

    assertEquals(200, status.statusCode());
    assertEquals("RUNNING", status.body());
    assertTrue(
        node.describe().contains("listening on http://127.0.0.1:" + node.port()), node.describe());
    assertTrue(node.describe().contains(tmp.resolve("data").toString()), node.describe());
  }

  @Test
  void warmUpLeavesNoTraceInTheDataOrTheTemporaryFolder() throws Exception {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    long scratchBefore = warmUpDirectories(temp);

    Node node = start(tmp.resolve("warm"), 0, "1s");

    assertEquals("{\"dbs\":[]}", get(node, "/commands/dbs").body());
    assertEquals(scratchBefore, warmUpDirectories(temp));
  }

  private static long warmUpDirectories(Path temp) throws IOException {
    try (var entries = Files.list(temp)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("nsdb-warm-up")).count();
    }
  }

  @Test
  void secondNodeOnATakenPortFailsSayingTheAddressIsInUse() throws Exception {
    Node first = start(tmp.resolve("a"), 0);

    Node.StartException error =
        assertThrows(Node.StartException.class, () -> start(tmp.resolve("b"), first.port()));

    assertTrue(error.getMessage().contains("in use"), error.getMessage());
    assertTrue(error.getMessage().contains(":" + first.port()), error.getMessage());
    assertEquals(200, get(first, "/status").statusCode(), "the first node is unharmed");
  }

  @Test
  void secondNodeOnADataDirectoryInUseFails() throws Exception {
    Path data = tmp.resolve("shared");
    Node first = start(data, 0);
    insert(first, "node_lock", List.of(Map.of("timestamp", 1, "value", 1)));

    Node.StartException error = assertThrows(Node.StartException.class, () -> start(data, 0));

    assertTrue(error.getMessage().contains("in use by another NSDb process"), error.getMessage());
    assertEquals(1, count(first, "node_lock"), "the first node is unharmed");
  }

  @Test
  void secondNodeOnAFreshDataDirectoryInUseFailsToo() {
    Path data = tmp.resolve("fresh");
    start(data, 0);

    Node.StartException error = assertThrows(Node.StartException.class, () -> start(data, 0));

    assertTrue(error.getMessage().contains("in use by another NSDb process"), error.getMessage());
  }

  @Test
  void dataDirectoryThatIsARegularFileFails() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

    Node.StartException error = assertThrows(Node.StartException.class, () -> start(file, 0));

    assertTrue(error.getMessage().contains("not a writable directory"), error.getMessage());
    assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
  }

  @Test
  void badConfigurationFailsWithAConfigurationError() {
    Node.StartException error =
        assertThrows(
            Node.StartException.class,
            () ->
                Node.start(
                    NodeConfig.of(
                        Map.of(
                            "nsdb.http.port",
                            70000,
                            "nsdb.storage.data-dir",
                            tmp.resolve("d").toString())),
                    "test"));

    assertTrue(error.getMessage().startsWith("configuration error"), error.getMessage());
  }

  @Test
  void stopReleasesThePortAndRestartKeepsEveryAcknowledgedPoint() throws Exception {
    Path data = tmp.resolve("restart");
    Node first = start(data, 0);
    int port = first.port();
    List<Map<String, Object>> bits = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      bits.add(Map.of("timestamp", i, "value", i, "dimensions", Map.of("host", "h" + (i % 7))));
    }
    insert(first, "node_restart", bits);

    first.stop();
    started.remove(first);

    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort(), "the port is free after stop");
    }
    Node second = start(data, 0);
    assertEquals(500, count(second, "node_restart"));
    assertEquals(
        "[\"node_restart\"]",
        JSON.readTree(get(second, "/commands/dbs").body()).path("dbs").toString());
  }

  @Test
  void stopWhileWritesAreInFlightLosesNoAcknowledgedBatchAndHalvesNone() throws Exception {
    Path data = tmp.resolve("inflight");
    Node first = start(data, 0);
    int batches = 40;
    int perBatch = 50;
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<Map<String, Object>> bits = new ArrayList<>();
      for (int i = 0; i < perBatch; i++) {
        bits.add(Map.of("timestamp", b * 1000 + i, "value", i));
      }
      sent.add(
          CLIENT.sendAsync(
              postRequest(
                  first,
                  "/data",
                  Map.of("db", "node_inflight", "namespace", "ns", "metric", "cpu", "bits", bits)),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertEquals(200, sent.get(0).join().statusCode(), "at least one batch is acknowledged");

    first.stop();
    started.remove(first);

    List<Integer> acknowledged = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      HttpResponse<String> response = sent.get(b).handle((r, e) -> r).get(30, TimeUnit.SECONDS);
      if (response != null && response.statusCode() == 200) {
        acknowledged.add(b);
      }
    }
    Node second = start(data, 0);
    Set<Long> stored = new HashSet<>();
    HttpResponse<String> all =
        post(
            second,
            "/query",
            Map.of(
                "db",
                "node_inflight",
                "namespace",
                "ns",
                "queryString",
                "select * from cpu limit 100000"));
    assertEquals(200, all.statusCode(), all.body());
    JSON.readTree(all.body())
        .path("records")
        .forEach(row -> stored.add(row.path("timestamp").asLong()));
    for (int b = 0; b < batches; b++) {
      int present = 0;
      for (int i = 0; i < perBatch; i++) {
        if (stored.contains((long) b * 1000 + i)) {
          present++;
        }
      }
      if (acknowledged.contains(b)) {
        assertEquals(perBatch, present, "acknowledged batch " + b + " lost points");
      } else {
        assertTrue(present == 0 || present == perBatch, "batch " + b + " half written: " + present);
      }
    }
  }

  private Node start(Path dataDir, int port) {
    return start(dataDir, port, "0s");
  }

  private Node start(Path dataDir, int port, String warmUp) {
    Node node =
        Node.start(
            NodeConfig.of(
                Map.of(
                    "nsdb.http.port",
                    port,
                    "nsdb.http.interface",
                    "127.0.0.1",
                    "nsdb.storage.data-dir",
                    dataDir.toString(),
                    "nsdb.http.shutdown-deadline",
                    "2s",
                    "nsdb.startup.warm-up",
                    warmUp)),
            "test");
    started.add(node);
    return node;
  }

  private static void insert(Node node, String db, List<Map<String, Object>> bits)
      throws Exception {
    HttpResponse<String> response =
        post(node, "/data", Map.of("db", db, "namespace", "ns", "metric", "cpu", "bits", bits));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(bits.size(), JSON.readTree(response.body()).path("accepted").asInt());
  }

  private static int count(Node node, String db) throws Exception {
    HttpResponse<String> response =
        post(
            node,
            "/query",
            Map.of("db", db, "namespace", "ns", "queryString", "select * from cpu limit 10000"));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode records = JSON.readTree(response.body()).path("records");
    return records.size();
  }

  private static HttpResponse<String> get(Node node, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(Node node, String path, Object body) throws Exception {
    return CLIENT.send(postRequest(node, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest postRequest(Node node, String path, Object body) throws IOException {
    return HttpRequest.newBuilder(uri(node, path))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
  }

  private static URI uri(Node node, String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }
}
