package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.NS;
import static io.nsdb.ws.stream.StreamTesting.await;
import static io.nsdb.ws.stream.StreamTesting.awaitNoSubscriptions;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.stream.StreamTesting.timestamps;
import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /stream}, one subscription as newline-delimited JSON, and the checks both stream
 * endpoints make on their parameters before anything starts.
 */
class StreamHttpTest {

  private static final Duration PING_INTERVAL = Duration.ofMillis(300);

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder().stream(
                new StreamTesting.Settings().pingInterval(PING_INTERVAL).build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** An open {@code /stream} response, its lines read on their own thread as they come. */
  private static final class LineStream implements AutoCloseable {
    private static final JsonNode END = TestServer.read("{\"type\":\"(end of response)\"}");

    final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

    LineStream(HttpResponse<InputStream> response) {
      this.response = response;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    lines.add(TestServer.read(line));
                  }
                } catch (IOException e) {
                  // closed by the test
                } finally {
                  lines.add(END);
                }
              },
              "ndjson-reader");
      reader.setDaemon(true);
      reader.start();
    }

    JsonNode next() {
      try {
        JsonNode line = lines.poll(StreamTesting.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(line, "no line within " + StreamTesting.WAIT);
        return line;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Lines up to the first of {@code type}, which is returned. */
    JsonNode until(String type) {
      while (true) {
        JsonNode line = next();
        assertTrue(line != END, "the response ended before a " + type + " line");
        if (type.equals(line.path("type").asText())) {
          return line;
        }
      }
    }

    @Override
    public void close() {
      try {
        response.body().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String streamPath(String db, String query, String more) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("db", db);
    parameters.put("namespace", NS);
    parameters.put("query", query);
    return "/stream?" + TestServer.queryParameters(parameters) + more;
  }

  private static LineStream openStream(String path) {
    try {
      HttpResponse<InputStream> response =
          server
              .client()
              .send(server.request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, response.statusCode());
      assertTrue(
          response
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/x-ndjson"),
          response.headers().toString());
      return new LineStream(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aStreamGivesTheHistoryThenTheNewRecordsOneJsonPerLine() {
    String db = "http_stream";
    insert(server, db, List.of(point(1, 1, "a"), point(2, 2, "b")));
    try (LineStream stream =
        openStream(streamPath(db, "select * from cpu where host = 'a'", "&refresh_period=100"))) {
      // A ping line may come first, if the history takes longer than the ping interval.
      JsonNode history = stream.until("history");
      assertEquals(List.of(1L), timestamps(history.get("records")));
      assertEquals("select * from cpu where host = 'a'", history.get("queryString").asText());
      String quid = history.get("quid").asText();
      JsonNode end = stream.until("historyEnd");
      assertEquals("historyEnd", end.get("type").asText(), end.toString());
      assertEquals(quid, end.get("quid").asText());

      insert(server, db, List.of(point(3, 3, "a"), point(4, 4, "b")));
      JsonNode frame = stream.until("records");
      assertEquals(quid, frame.get("quid").asText());
      assertEquals(List.of(3L), timestamps(frame.get("records")), frame.toString());
      assertEquals(1, frame.get("seq").asLong());
      assertTrue(frame.get("lsn").asLong() > end.get("lsn").asLong());
    }
  }

  @Test
  void fromToAndFiltersParametersFilterTheStream() {
    String db = "http_enrichments";
    insert(server, db, List.of(point(10, 1, "a"), point(20, 2, "b"), point(30, 3, "a")));
    String filters =
        TestServer.write(List.of(Map.of("dimension", "host", "value", "a", "operator", "=")));
    try (LineStream stream =
        openStream(
            streamPath(db, "select * from cpu", "&from=15&to=100&filters=" + encode(filters)))) {
      assertEquals(List.of(30L), timestamps(stream.until("history").get("records")));
      String quid = stream.until("historyEnd").get("quid").asText();
      insert(
          server,
          db,
          List.of(point(12, 1, "a"), point(40, 1, "b"), point(200, 1, "a"), point(50, 1, "a")));
      JsonNode frame = stream.until("records");
      assertEquals(quid, frame.get("quid").asText());
      assertEquals(List.of(50L), timestamps(frame.get("records")), frame.toString());
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void aQuietStreamGetsPingLines() {
    String db = "http_ping";
    insert(server, db, point(1, 1, "a"));
    try (LineStream stream = openStream(streamPath(db, "select * from cpu", ""))) {
      stream.until("historyEnd");
      long start = System.nanoTime();
      JsonNode ping = stream.next();
      assertEquals("ping", ping.get("type").asText(), ping.toString());
      assertTrue(
          System.nanoTime() - start >= PING_INTERVAL.toNanos() - TimeUnit.MILLISECONDS.toNanos(20),
          "not before the ping interval");
      assertEquals("ping", stream.next().get("type").asText(), "and again");
    }
  }

  @Test
  void closingTheConnectionEndsItsSubscription() {
    String db = "http_close";
    insert(server, db, point(1, 1, "a"));
    awaitNoSubscriptions(server);
    try (LineStream stream = openStream(streamPath(db, "select * from cpu", ""))) {
      stream.until("historyEnd");
      assertEquals(1, server.publisherStats().subscriptions());
    }
    awaitNoSubscriptions(server);
    await("no stream connection left", () -> server.openStreamConnections() == 0);
  }

  @Test
  void aBadQueryIsAnOrdinaryHttpErrorBeforeAnyStreaming() {
    String db = "http_bad_query";
    insert(server, db, point(1, 1, "a"));
    await("earlier streams ended", () -> server.openStreamConnections() == 0);
    assertError(server.get(streamPath(db, "select * from mem", "")), 404, "UNKNOWN_METRIC", "mem");
    assertError(
        server.get(streamPath(db, "select * from cpu where nope = 1", "")),
        400,
        "UNKNOWN_COLUMN",
        "nope");
    assertError(
        server.get(streamPath(db, "select * from cpu where host > 3", "")),
        400,
        "TYPE_MISMATCH",
        "host");
    JsonNode syntax =
        assertError(server.get(streamPath(db, "select *\nform cpu", "")), 400, "SYNTAX_ERROR", "");
    assertEquals(2, syntax.get("line").asInt());
    assertEquals(1, syntax.get("column").asInt());
    assertError(
        server.get(streamPath(db, "delete from cpu where host = 'a'", "")),
        400,
        "NOT_A_SELECT",
        "");
    assertEquals(0, server.openStreamConnections(), "nothing was opened");
  }

  @Test
  void theQueryMayBeNamedQueryStringOrQ() {
    String db = "http_parameter_names";
    insert(server, db, point(1, 1, "a"));
    for (String name : List.of("queryString", "q")) {
      String path =
          "/stream?"
              + TestServer.queryParameters(
                  Map.of("db", db, "namespace", NS, name, "select * from cpu"));
      try (LineStream stream = openStream(path)) {
        JsonNode history = stream.until("history");
        assertEquals(List.of(1L), timestamps(history.get("records")));
      }
    }
  }

  @Test
  void aRefreshPeriodBelowTheFloorIsRefusedOnBothEndpoints() {
    String db = "http_floor";
    insert(server, db, point(1, 1, "a"));
    // The floor is the default refresh period, 100 ms.
    assertError(
        server.get(streamPath(db, "select * from cpu", "&refresh_period=50")),
        400,
        "INVALID_REQUEST",
        "refresh_period");
    assertError(server.get("/ws-stream?refresh_period=50"), 400, "INVALID_REQUEST", "floor");

    CompletionException refused =
        assertThrows(
            CompletionException.class, () -> StreamClient.open(server, "refresh_period=50"));
    WebSocketHandshakeException handshake =
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(400, handshake.getResponse().statusCode());
    // The floor itself is allowed.
    StreamClient.open(server, "refresh_period=100").close();
  }

  @Test
  void aRetentionSizeOutsideItsRangeIsRefusedOnBothEndpoints() {
    String db = "http_retention";
    insert(server, db, point(1, 1, "a"));
    for (String retention : List.of("0", "-1", "100001", "many")) {
      assertError(
          server.get(streamPath(db, "select * from cpu", "&retention_size=" + retention)),
          400,
          "INVALID_REQUEST",
          "retention_size");
      assertError(
          server.get("/ws-stream?retention_size=" + retention),
          400,
          "INVALID_REQUEST",
          "retention_size");
      CompletionException refused =
          assertThrows(
              CompletionException.class,
              () -> StreamClient.open(server, "retention_size=" + retention));
      assertEquals(
          400,
          assertInstanceOf(WebSocketHandshakeException.class, refused.getCause())
              .getResponse()
              .statusCode());
    }
  }

  @Test
  void aPlainGetOfTheWebSocketEndpointIs400() {
    await("earlier streams ended", () -> server.openStreamConnections() == 0);
    HttpResponse<String> response =
        server.send(server.request("/ws-stream?refresh_period=100").GET().build());
    assertEquals(400, response.statusCode(), response.body());
    assertEquals(0, server.openStreamConnections());
  }

  @Test
  void aStreamRequestIsAGet() {
    HttpResponse<String> response =
        server.send(
            server
                .request(streamPath("http_method", "select * from cpu", ""))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(405, response.statusCode(), response.body());
  }
}
