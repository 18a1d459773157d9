package io.nsdb.ws.stream;

import static io.nsdb.ws.stream.StreamTesting.NS;
import static io.nsdb.ws.stream.StreamTesting.await;
import static io.nsdb.ws.stream.StreamTesting.awaitNoSubscriptions;
import static io.nsdb.ws.stream.StreamTesting.insert;
import static io.nsdb.ws.stream.StreamTesting.point;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nsdb.ws.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code /stream} client that goes away, on a server with the default settings (a WebSocket ping
 * every 30 s): its subscription ends within the two keep-alive lines (5 s apart at most) that it
 * takes the server to find the connection gone (docs/streaming.md), not after the ping interval.
 */
class StreamHttpDisconnectTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void closingAQuietStreamsConnectionEndsItsSubscriptionWithinTwoKeepAliveLines() throws Exception {
    String db = "http_disconnect";
    insert(server, db, point(1, 1, "a"));
    awaitNoSubscriptions(server);
    String path =
        "/stream?"
            + TestServer.queryParameters(
                Map.of("db", db, "namespace", NS, "query", "select * from cpu"));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.contains("\"historyEnd\""));
      assertEquals(1, server.publisherStats().subscriptions(), "subscribed: " + line);
    } // the client closes its connection

    // Within the 20 s the wait allows, while the ping interval alone would take 60 s.
    awaitNoSubscriptions(server);
    await("the connection counted as gone", () -> server.openStreamConnections() == 0);
  }
}
