package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.TestServer.bit;
import static io.nsdb.ws.testing.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /, /status and /metrics, and what every answer shares: the version header, 404 and 405. */
class RootRoutesTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().advertised("nsdb.example.com", 9443).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void apiRootHandsOutUrlsOfTheAdvertisedHostAndPortNotTheBoundOne() {
    HttpResponse<String> response = server.get("/");

    assertEquals(200, response.statusCode());
    JsonNode root = json(response);
    assertEquals("NSDb for the JVM", root.path("name").asText());
    assertEquals(TestServer.VERSION, root.path("version").asText());
    assertEquals(
        "http://nsdb.example.com:9443/query", root.path("endpoints").path("query").asText());
    assertEquals("http://nsdb.example.com:9443/data", root.path("endpoints").path("data").asText());
    assertEquals(
        "http://nsdb.example.com:9443/write", root.path("endpoints").path("write").asText());
    assertEquals(
        "http://nsdb.example.com:9443/commands", root.path("endpoints").path("commands").asText());
    assertEquals(
        "ws://nsdb.example.com:9443/ws-stream", root.path("streams").path("websocket").asText());
    assertTrue(!response.body().contains(":" + server.port() + "/"), response.body());
  }

  @Test
  void statusIsRunningAsPlainText() {
    HttpResponse<String> response = server.get("/status");

    assertEquals(200, response.statusCode());
    assertEquals("RUNNING", response.body());
  }

  @Test
  void everyAnswerCarriesTheVersionHeaderErrorsToo() {
    assertEquals(
        TestServer.VERSION, server.get("/status").headers().firstValue("NSDb-Version").orElse(""));
    HttpResponse<String> notFound = server.get("/no/such/path");
    assertEquals(404, notFound.statusCode());
    assertEquals(TestServer.VERSION, notFound.headers().firstValue("NSDb-Version").orElse(""));
    HttpResponse<String> badJson = server.postJson("/data", "{\"db\": ");
    assertEquals(400, badJson.statusCode());
    assertEquals(TestServer.VERSION, badJson.headers().firstValue("NSDb-Version").orElse(""));
  }

  @Test
  void unknownPathIs404NotFoundInTheErrorShape() {
    HttpResponse<String> response = server.get("/no/such/path");

    assertEquals(404, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode error = json(response);
    assertEquals("NOT_FOUND", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("/no/such/path"), response.body());
  }

  @Test
  void knownPathWithAnotherMethodIs405NamingTheAllowedOnes() {
    HttpResponse<String> response =
        server.send(server.request("/data").PUT(HttpRequest.BodyPublishers.noBody()).build());

    assertEquals(405, response.statusCode());
    JsonNode error = json(response);
    assertEquals("METHOD_NOT_ALLOWED", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("allowed=POST"), response.body());
  }

  @Test
  void metricsCountThePointsOfAWrite() {
    double before = sample(server.get("/metrics").body(), "nsdb_write_points_total");

    server.insert(
        "root_metrics",
        "ns",
        "cpu",
        List.of(
            bit(1, 1, Map.of("host", "a"), Map.of()),
            bit(2, 2, Map.of("host", "a"), Map.of()),
            bit(3, 3, Map.of("host", "b"), Map.of())));

    HttpResponse<String> scrape = server.get("/metrics");
    assertEquals(200, scrape.statusCode());
    assertTrue(
        scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        scrape.headers().toString());
    assertEquals(before + 3, sample(scrape.body(), "nsdb_write_points_total"));
    String text = scrape.body();
    for (String family :
        List.of(
            "nsdb_http_requests_total",
            "nsdb_query_duration_seconds",
            "nsdb_head_points",
            "jvm_memory_used_bytes")) {
      assertTrue(text.contains(family), family + " missing from /metrics");
    }
    assertTrue(
        text.contains("nsdb_http_requests_total{method=\"POST\",route=\"/data\",status=\"200\"}"),
        text);
  }

  /** The value of an unlabelled sample in Prometheus text, 0 when absent. */
  private static double sample(String text, String name) {
    Matcher matcher =
        Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
