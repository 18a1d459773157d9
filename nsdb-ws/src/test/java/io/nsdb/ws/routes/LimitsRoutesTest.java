package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.bit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nsdb.core.query.QueryLimits;
import io.nsdb.ws.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's bounds: request body size (413) and result rows (RESULT_TOO_LARGE). */
class LimitsRoutesTest {

  private static final long MAX_BODY = 4096;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .maxBodyBytes(MAX_BODY)
            .queryLimits(new QueryLimits(2, Duration.ofSeconds(30)))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void bodyOverTheLimitIs413WithTheLimitAndTheSetting() {
    String body = bodyOfAbout(3 * MAX_BODY);

    HttpResponse<String> response = server.postJson("/data", body);

    assertError(response, 413, "BODY_TOO_LARGE", "limitBytes=" + MAX_BODY);
    assertEquals(TestServer.VERSION, response.headers().firstValue("NSDb-Version").orElse(""));
    assertError(
        server.query("limits_big", "ns", "select * from cpu"), 404, "UNKNOWN_METRIC", "cpu");
  }

  @Test
  void chunkedBodyWithoutLengthThatGrowsOverTheLimitIs413() {
    byte[] body = bodyOfAbout(3 * MAX_BODY).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        server.send(
            server
                .request("/data")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

    assertError(response, 413, "BODY_TOO_LARGE", "limitBytes=" + MAX_BODY);
  }

  @Test
  void gzipBodyThatInflatesOverTheLimitIs413() {
    byte[] compressed = TestServer.gzip(bodyOfAbout(3 * MAX_BODY));
    assertEquals(true, compressed.length < MAX_BODY, "the compressed body alone fits");

    HttpResponse<String> response =
        server.send(
            server
                .request("/data")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed))
                .build());

    assertError(response, 413, "BODY_TOO_LARGE", "limitBytes=");
  }

  @Test
  void bodyJustUnderTheLimitIsAccepted() {
    String body = bodyOfAbout(MAX_BODY - 600);

    assertEquals(200, server.postJson("/data", body).statusCode());
  }

  @Test
  void queryReturningMoreRowsThanTheLimitFailsInsteadOfAnsweringPartly() {
    server.insert(
        "limits_rows",
        "ns",
        "cpu",
        List.of(
            bit(1, 1, Map.of(), Map.of()),
            bit(2, 2, Map.of(), Map.of()),
            bit(3, 3, Map.of(), Map.of())));

    assertError(
        server.query("limits_rows", "ns", "select * from cpu"), 400, "RESULT_TOO_LARGE", "");
    assertEquals(2, records(server.query("limits_rows", "ns", "select * from cpu limit 2")).size());
  }

  /** A valid /data batch into limits_big.ns.cpu of roughly {@code bytes} bytes. */
  private static String bodyOfAbout(long bytes) {
    StringBuilder bits = new StringBuilder();
    int i = 0;
    while (bits.length() < bytes - 100) {
      if (i > 0) {
        bits.append(',');
      }
      bits.append("{\"timestamp\":").append(i).append(",\"value\":").append(i).append('}');
      i++;
    }
    return "{\"db\":\"limits_big\",\"namespace\":\"ns\",\"metric\":\"cpu\",\"bits\":["
        + bits
        + "]}";
  }
}
