package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.NS;
import static io.nsdb.ws.stream.StreamTesting.await;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.point;
import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.ws.testing.TestServer;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** At most {@code max-connections} stream connections at once (two here), on both endpoints. */
class StreamConnectionLimitTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder().stream(new StreamTesting.Settings().maxConnections(2).build()).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void connectionsOverTheLimitAre503OnBothEndpointsUntilOneCloses() {
    String db = "connections_limit";
    insert(server, db, point(1, 1, "a"));
    await("earlier connections ended", () -> server.openStreamConnections() == 0);
    String stream =
        "/stream?"
            + TestServer.queryParameters(
                Map.of("db", db, "namespace", NS, "query", "select * from cpu"));
    try (StreamClient first = StreamClient.open(server, "");
        StreamClient second = StreamClient.open(server, "")) {
      assertEquals(2, server.openStreamConnections());
      CompletionException refused =
          assertThrows(CompletionException.class, () -> StreamClient.open(server, ""));
      assertEquals(
          503,
          assertInstanceOf(WebSocketHandshakeException.class, refused.getCause())
              .getResponse()
              .statusCode());
      assertError(server.get(stream), 503, "TOO_MANY_CONNECTIONS", "max-connections");
      assertEquals(2, server.openStreamConnections(), "the refused ones are not counted");

      first.close();
      await("the closed connection counted as gone", () -> server.openStreamConnections() == 1);
      try (StreamClient third = StreamClient.open(server, "refresh_period=100")) {
        StreamTesting.Subscription subscription =
            StreamTesting.subscribeAndAwait(
                third, StreamTesting.subscribe(db, "select * from cpu"));
        assertEquals(List.of(1L), subscription.historyTimestamps());
      }
    }
  }
}
