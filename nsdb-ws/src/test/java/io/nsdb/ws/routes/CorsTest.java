package io.nsdb.ws.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.ws.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cross-origin access: preflights and answers for allowed origins, nothing for others. */
class CorsTest {

  private static final String ALLOWED = "https://dash.example.com";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().corsAllowedOrigins(List.of(ALLOWED)).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void preflightFromAnAllowedOriginIs204WithTheMethodsAndHeaders() {
    HttpResponse<String> response = preflight(ALLOWED);

    assertEquals(204, response.statusCode());
    assertEquals(Optional.of(ALLOWED), header(response, "Access-Control-Allow-Origin"));
    String methods = header(response, "Access-Control-Allow-Methods").orElse("");
    for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
      assertTrue(methods.contains(method), methods);
    }
    assertEquals(Optional.of("content-type"), header(response, "Access-Control-Allow-Headers"));
    assertEquals(Optional.of(TestServer.VERSION), header(response, "NSDb-Version"));
  }

  @Test
  void simpleRequestFromAnAllowedOriginGetsTheOriginBack() {
    HttpResponse<String> response =
        server.send(server.request("/status").header("Origin", ALLOWED).GET().build());

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of(ALLOWED), header(response, "Access-Control-Allow-Origin"));
  }

  @Test
  void errorAnswersAreReadableByAnAllowedPageToo() {
    HttpResponse<String> response =
        server.send(server.request("/no/such/path").header("Origin", ALLOWED).GET().build());

    assertEquals(404, response.statusCode());
    assertEquals(Optional.of(ALLOWED), header(response, "Access-Control-Allow-Origin"));
  }

  @Test
  void otherOriginsGetNoCorsHeaders() {
    String other = "https://evil.example.org";
    HttpResponse<String> simple =
        server.send(server.request("/status").header("Origin", other).GET().build());
    HttpResponse<String> preflight = preflight(other);

    assertEquals(200, simple.statusCode());
    assertEquals(Optional.empty(), header(simple, "Access-Control-Allow-Origin"));
    assertTrue(preflight.statusCode() != 204, "preflight of a foreign origin must not succeed");
    assertEquals(Optional.empty(), header(preflight, "Access-Control-Allow-Origin"));
  }

  private static HttpResponse<String> preflight(String origin) {
    return server.send(
        server
            .request("/query")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static Optional<String> header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name);
  }
}
