package io.nsdb.ws.compat;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.bit;
import static io.nsdb.ws.testing.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the request and response examples of NSDb's own API documentation ({@code
 * docs/RestApis.md} of radicalbit/NSDb, written down under {@code src/test/resources/nsdb-compat/})
 * against our server: NSDb's clients must get the same status codes and answers of the same shape.
 * Each deliberate difference is asserted as such, with the reason beside it.
 */
class NsdbCompatibilityTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    // The rows the documented query examples are about: metric people in db.namespace.
    server.insert(
        "db",
        "namespace",
        "people",
        List.of(
            bit(50, 1, Map.of("dimName1", "value", "dimName2", 2), Map.of()),
            bit(60, 2, Map.of("dimName1", "other", "dimName2", 5), Map.of()),
            bit(100000, 3, Map.of("dimName1", "value", "dimName2", 1), Map.of()),
            bit(200000, 4, Map.of("dimName1", "value", "dimName2", 3), Map.of())));
    // The catalog the documented command examples list.
    long now = System.currentTimeMillis();
    for (String metric : List.of("metric_name1", "metric_name2")) {
      server.insert(
          "database", "namespace_name1", metric, List.of(bit(now, 1, Map.of(), Map.of())));
    }
    server.insert("database", "namespace_name2", "other", List.of(bit(now, 1, Map.of(), Map.of())));
    HttpResponse<String> info =
        server.putJson(
            "/commands/database/namespace/metric/info",
            "{\"shardInterval\": 172800000, \"retention\": 86400000}");
    assertEquals(200, info.statusCode(), info.body());
    server.insert(
        "database",
        "namespace",
        "metric",
        List.of(bit(now, 1, Map.of("dimension_1", "a", "dimension_2", 2), Map.of())));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void queryWithLikeAndGreaterThanFilters() {
    Example example = Example.load("query-filters.json");

    HttpResponse<String> response = server.postJson("/query", example.request());

    assertEquals(example.status(), response.statusCode(), response.body());
    assertEquals(List.of(50L, 200000L), timestamps(response));
    assertRecordShape(response);
  }

  @Test
  void queryWithFromAndToInclusive() {
    Example example = Example.load("query-from-to.json");

    HttpResponse<String> response = server.postJson("/query", example.request());

    assertEquals(example.status(), response.statusCode(), response.body());
    assertEquals(List.of(50L, 60L, 100000L), timestamps(response));
    assertRecordShape(response);
  }

  @Test
  void queryWithFromToAndEqualityFilters() {
    Example example = Example.load("query-from-to-filters.json");

    HttpResponse<String> response = server.postJson("/query", example.request());

    assertEquals(example.status(), response.statusCode(), response.body());
    assertEquals(List.of(100000L), timestamps(response));
    assertRecordShape(response);
  }

  @Test
  void validateOfAValidQueryIs200() {
    Example example = Example.load("validate-valid.json");

    HttpResponse<String> response = server.postJson("/query/validate", example.request());

    assertEquals(example.status(), response.statusCode(), response.body());
    // Difference: NSDb answers an empty body; ours says {"valid": true, "canonical": "..."}.
    assertTrue(json(response).path("valid").asBoolean(), response.body());
  }

  @Test
  void validateOfAnInvalidQueryIs400() {
    Example example = Example.load("validate-invalid.json");

    HttpResponse<String> response = server.postJson("/query/validate", example.request());

    // Difference: NSDb's error body is the message as text; ours is JSON with a code to branch on.
    assertError(response, example.status(), "SYNTAX_ERROR", "line 1:");
  }

  @Test
  void dataExampleInsertsTheBitAnsweringOk() {
    Example example = Example.load("data-bit.json");

    HttpResponse<String> response = server.postJson("/data", example.request());

    assertEquals(example.status(), response.statusCode(), response.body());
    assertEquals("OK", response.body(), "as NSDb: a plain OK");
    JsonNode row = records(server.query("db", "namespace", "select * from metric")).get(0);
    assertEquals(100000, row.path("timestamp").asLong());
    assertEquals(0.5, row.path("value").asDouble());
    assertEquals(25, row.path("dimensions").path("dim1").asLong());
    assertEquals("dim2", row.path("dimensions").path("dim2").asText());
  }

  @Test
  void showDatabasesNamespacesAndMetricsHaveNsdbsShape() {
    for (String file :
        List.of("commands-dbs.json", "commands-namespaces.json", "commands-metrics.json")) {
      Example example = Example.load(file);

      HttpResponse<String> response = server.get(example.path());

      assertEquals(example.status(), response.statusCode(), file + ": " + response.body());
      assertShape(example.response(), json(response), file);
    }
    assertTrue(texts(json(server.get("/commands/dbs")).path("dbs")).contains("database"));
    // (namespace_name2 and metric_name2 may be dropped already by the drop example.)
    assertTrue(
        texts(json(server.get("/commands/database/namespaces")).path("namespaces"))
            .containsAll(List.of("namespace", "namespace_name1")));
    assertTrue(
        texts(json(server.get("/commands/database/namespace_name1/metrics")).path("metrics"))
            .contains("metric_name1"));
  }

  @Test
  void describeHasNsdbsFieldsAndMetricInfo() {
    Example example = Example.load("commands-describe.json");

    HttpResponse<String> response = server.get(example.path());

    assertEquals(example.status(), response.statusCode(), response.body());
    JsonNode ours = json(response);
    assertShape(example.response(), ours, "describe");
    assertEquals(example.response().path("metricInfo"), ours.path("metricInfo"));
    // Difference: NSDb lists the dimensions only; ours also lists timestamp and value, and adds
    // each field's NSDb field class. A JSON whole number is BIGINT here (NSDb's example: INTEGER).
    List<String> names = new ArrayList<>();
    for (JsonNode field : ours.path("fields")) {
      names.add(field.path("name").asText());
    }
    assertTrue(names.containsAll(List.of("dimension_1", "dimension_2")), names.toString());
  }

  @Test
  void dropNamespaceAndDropMetricAre200() {
    Example dropNamespace = Example.load("commands-drop-namespace.json");
    Example dropMetric = Example.load("commands-drop-metric.json");
    assertTrue(
        texts(json(server.get("/commands/database/namespace_name1/metrics")).path("metrics"))
            .contains("metric_name2"));

    HttpResponse<String> namespace = server.delete(dropNamespace.path());
    HttpResponse<String> metric = server.delete(dropMetric.path());

    // Difference: NSDb answers an empty 200; ours says what was dropped, {"dropped": "..."}.
    assertEquals(dropNamespace.status(), namespace.statusCode(), namespace.body());
    assertEquals(dropMetric.status(), metric.statusCode(), metric.body());
    assertFalse(
        texts(json(server.get("/commands/database/namespaces")).path("namespaces"))
            .contains("namespace_name2"));
    assertFalse(
        texts(json(server.get("/commands/database/namespace_name1/metrics")).path("metrics"))
            .contains("metric_name2"));
  }

  @Test
  void queryOfAMetricThatDoesNotExistIs404AsInNsdb() {
    HttpResponse<String> response =
        server.postJson(
            "/query",
            Map.of("db", "db", "namespace", "namespace", "queryString", "select * from nobody"));

    assertError(response, 404, "UNKNOWN_METRIC", "nobody");
  }

  @Test
  void semanticQueryErrorIs400WhereNsdbAnswered500() {
    // Difference: NSDb answered 500 for a query that parses but cannot run on the metric's schema
    // (a "generic error"); it is the client's mistake, so ours is a 400 with a code.
    HttpResponse<String> response =
        server.postJson(
            "/query",
            Map.of(
                "db",
                "db",
                "namespace",
                "namespace",
                "queryString",
                "select * from people where dimName1 > 3"));

    assertError(response, 400, "TYPE_MISMATCH", "dimName1");
  }

  /** Every record of our answer has the fields of NSDb's documented record, of the same types. */
  private static void assertRecordShape(HttpResponse<String> response) {
    JsonNode documented = Example.load("query-response.json").response();
    assertShape(documented, json(response), "records");
  }

  /**
   * {@code ours} has every field of {@code documented} with the same JSON type; an array's elements
   * each have the shape of the documented first element. Extra fields of ours are allowed (e.g.
   * {@code tags}, which NSDb's example leaves out).
   */
  static void assertShape(JsonNode documented, JsonNode ours, String path) {
    assertEquals(documented.getNodeType(), ours.getNodeType(), path + ": " + ours);
    if (documented.isObject()) {
      for (var field : documented.properties()) {
        JsonNode actual = ours.get(field.getKey());
        assertNotNull(actual, path + "." + field.getKey() + " missing: " + ours);
        if (!field.getValue().isObject()) {
          assertEquals(
              field.getValue().getNodeType(),
              actual.getNodeType(),
              path + "." + field.getKey() + ": " + ours);
        }
        if (field.getValue().isContainerNode() && !field.getKey().equals("dimensions")) {
          assertShape(field.getValue(), actual, path + "." + field.getKey());
        }
      }
    } else if (documented.isArray() && !documented.isEmpty()) {
      assertFalse(ours.isEmpty(), path + " is empty, cannot compare its elements");
      for (int i = 0; i < ours.size(); i++) {
        assertShape(documented.get(0), ours.get(i), path + "[" + i + "]");
      }
    }
  }

  private static List<Long> timestamps(HttpResponse<String> response) {
    List<Long> timestamps = new ArrayList<>();
    records(response).forEach(row -> timestamps.add(row.path("timestamp").asLong()));
    timestamps.sort(null);
    return timestamps;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** One documented exchange from {@code nsdb-compat/}. */
  private record Example(JsonNode document) {

    static Example load(String file) {
      try (InputStream in =
          NsdbCompatibilityTest.class.getResourceAsStream("/nsdb-compat/" + file)) {
        assertNotNull(in, "missing resource nsdb-compat/" + file);
        return new Example(TestServer.JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    JsonNode request() {
      return document.path("request");
    }

    String path() {
      return document.path("path").asText();
    }

    int status() {
      return document.path("status").asInt();
    }

    JsonNode response() {
      return document.path("response");
    }
  }
}
