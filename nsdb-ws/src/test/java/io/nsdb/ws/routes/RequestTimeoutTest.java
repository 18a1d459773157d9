package io.nsdb.ws.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request that outlives nsdb.http.request-timeout gets 503 REQUEST_TIMEOUT in the error shape.
 */
class RequestTimeoutTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().requestTimeout(Duration.ofMillis(300)).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aStalledUploadIsAnswered408RequestTimeout() throws IOException {
    // The body announces 100 bytes and sends 10: the request can never finish on its own.
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /data HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 100\r\n\r\n{\"db\":\"x\",")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readResponse(socket.getInputStream());

      assertTrue(response.startsWith("HTTP/1.1 408"), response);
      assertTrue(response.contains("NSDb-Version: " + TestServer.VERSION), response);
      JsonNode body =
          TestServer.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertEquals("REQUEST_TIMEOUT", body.get("code").asText());
      assertTrue(body.get("message").asText().contains("300 milliseconds"), response);
    }
  }

  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int contentLength = -1;
    int headerEnd = -1;
    while (headerEnd < 0 || bytes.size() < headerEnd + 4 + contentLength) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      bytes.write(buffer, 0, n);
      String text = bytes.toString(StandardCharsets.UTF_8);
      headerEnd = text.indexOf("\r\n\r\n");
      if (headerEnd >= 0 && contentLength < 0) {
        for (String line : text.substring(0, headerEnd).split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
        if (contentLength < 0) {
          contentLength = 0;
        }
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
