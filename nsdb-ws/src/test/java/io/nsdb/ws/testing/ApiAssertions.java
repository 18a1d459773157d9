package io.nsdb.ws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** What a client checks in an answer: the status, the error code, the records. */
public final class ApiAssertions {

  private ApiAssertions() {}

  /** The {@code records} of a 200 query answer. */
  public static JsonNode records(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    JsonNode records = TestServer.json(response).path("records");
    assertTrue(records.isArray(), response.body());
    return records;
  }

  /**
   * An error answer: the status, the code, and a message containing {@code text}; returns the error
   * body for further checks.
   */
  public static JsonNode assertError(
      HttpResponse<String> response, int status, String code, String text) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/json",
        response.headers().firstValue("Content-Type").orElse(""),
        "error answers are JSON");
    JsonNode error = TestServer.json(response);
    assertEquals(code, error.path("code").asText(), response.body());
    assertTrue(
        error.path("message").asText().contains(text),
        "message should contain '" + text + "': " + response.body());
    return error;
  }
}
