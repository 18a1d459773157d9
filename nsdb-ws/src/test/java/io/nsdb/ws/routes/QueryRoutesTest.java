package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.bit;
import static io.nsdb.ws.testing.TestServer.json;
import static io.nsdb.ws.testing.TestServer.queryParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST and GET /query: records in NSDb's shape, the REST enrichments (from, to, filters, parsed)
 * and the errors a statement can get, each with its status and code.
 */
class QueryRoutesTest {

  private static final String DB = "query_db";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.insert(
        DB,
        "ns",
        "cpu",
        List.of(
            bit(10, 1, Map.of("host", "a", "cores", 2), Map.of("region", "eu")),
            bit(20, 2, Map.of("host", "b", "cores", 4), Map.of("region", "us")),
            bit(30, 3, Map.of("host", "a", "cores", 8), Map.of("region", "eu")),
            bit(40, 4, Map.of("host", "c"), Map.of("region", "us"))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void recordsHaveNsdbsRowShape() {
    JsonNode records = records(server.query(DB, "ns", "select * from cpu where timestamp = 10"));

    assertEquals(1, records.size());
    JsonNode row = records.get(0);
    assertEquals(10, row.path("timestamp").asLong());
    assertEquals(1, row.path("value").asLong());
    assertEquals("a", row.path("dimensions").path("host").asText());
    assertEquals(2, row.path("dimensions").path("cores").asLong());
    assertEquals("eu", row.path("tags").path("region").asText());
  }

  @Test
  void fromAndToAreInclusiveBoundsOnTimestamp() {
    assertEquals(List.of(20L, 30L), timestamps(post(Map.of("from", 20, "to", 30))));
    assertEquals(List.of(30L, 40L), timestamps(post(Map.of("from", 30))));
    assertEquals(List.of(10L), timestamps(post(Map.of("to", 10))));
    assertEquals(List.of(), timestamps(post(Map.of("from", 41))));
  }

  @Test
  void eachFilterOperatorSelectsItsRows() {
    assertEquals(List.of(10L, 30L), timestamps(post(filter("host", "=", "a"))));
    assertEquals(List.of(20L, 30L), timestamps(post(filter("cores", ">", 2))));
    assertEquals(List.of(20L, 30L), timestamps(post(filter("cores", ">=", 4))));
    assertEquals(List.of(10L, 20L), timestamps(post(filter("cores", "<", 8))));
    assertEquals(List.of(10L, 20L), timestamps(post(filter("cores", "<=", 4))));
    assertEquals(List.of(20L, 40L), timestamps(post(filter("region", "like", "$s"))));
    assertEquals(List.of(40L), timestamps(post(filter("cores", "ISNULL", null))));
    assertEquals(List.of(10L, 20L, 30L), timestamps(post(filter("cores", "ISNOTNULL", null))));
  }

  @Test
  void filtersFromAndToAndWhereAreAllAnded() {
    Map<String, Object> body = new LinkedHashMap<>(filter("host", "=", "a"));
    body.put("from", 15);
    body.put("queryString", "select * from cpu where value > 0");

    assertEquals(List.of(30L), timestamps(post(body)));
  }

  @Test
  void parsedAddsTheCanonicalStatementAndItsTree() {
    HttpResponse<String> response =
        post(Map.of("parsed", true, "queryString", "select * from cpu where host = 'a' limit 5"));

    assertEquals(2, records(response).size());
    JsonNode parsed = json(response).path("parsed");
    assertEquals("SELECT * FROM cpu WHERE host = 'a' LIMIT 5", parsed.path("canonical").asText());
    assertTrue(parsed.path("statement").isObject(), response.body());
    assertTrue(response.body().contains("\"type\":\"Comparison\""), response.body());
    assertFalse(json(post(Map.of())).has("parsed"), "no parsed part unless asked");
  }

  @Test
  void getTakesTheSameFieldsAsParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("db", DB);
    parameters.put("namespace", "ns");
    parameters.put("queryString", "select * from cpu");
    parameters.put("from", "15");
    parameters.put("to", "40");
    parameters.put(
        "filters", "[{\"dimension\": \"region\", \"value\": \"us\", \"operator\": \"=\"}]");
    parameters.put("parsed", "true");

    HttpResponse<String> response = server.get("/query?" + queryParameters(parameters));

    assertEquals(List.of(20L, 40L), timestamps(response));
    assertEquals("SELECT * FROM cpu", json(response).path("parsed").path("canonical").asText());
  }

  @Test
  void getAcceptsQAsTheStatement() {
    HttpResponse<String> response =
        server.get(
            "/query?"
                + queryParameters(
                    Map.of(
                        "db", DB, "namespace", "ns", "q", "select * from cpu where host = 'b'")));

    assertEquals(List.of(20L), timestamps(response));
  }

  @Test
  void getWithBadParametersIs400NamingThem() {
    String base = "/query?db=" + DB + "&namespace=ns&q=select%20*%20from%20cpu";
    assertError(server.get(base + "&from=yesterday"), 400, "INVALID_REQUEST", "field=from");
    assertError(server.get(base + "&parsed=yes"), 400, "INVALID_REQUEST", "field=parsed");
    assertError(server.get(base + "&filters=%7B"), 400, "MALFORMED_JSON", "parameter=filters");
    assertError(
        server.get("/query?db=" + DB + "&namespace=ns"),
        400,
        "INVALID_REQUEST",
        "field=queryString");
  }

  @Test
  void metricFieldMustBeTheStatementsFrom() {
    assertEquals(4, records(post(Map.of("metric", "cpu"))).size());
    assertError(post(Map.of("metric", "mem")), 400, "METRIC_MISMATCH", "from=cpu");
  }

  @Test
  void onlySelectsRun() {
    assertError(post(Map.of("queryString", "DROP METRIC cpu")), 400, "NOT_A_SELECT", "statement=");
    assertEquals(4, records(post(Map.of())).size(), "the metric was not dropped");
  }

  @Test
  void syntaxErrorCarriesLineAndColumn() {
    JsonNode error =
        assertError(
            post(Map.of("queryString", "select *\nform cpu")), 400, "SYNTAX_ERROR", "line 2:1:");

    assertEquals(2, error.path("line").asInt());
    assertEquals(1, error.path("column").asInt());
  }

  @Test
  void orderingAStringColumnWithANumberIsTypeMismatch() {
    assertError(
        post(Map.of("queryString", "select * from cpu where host > 3")),
        400,
        "TYPE_MISMATCH",
        "host");
  }

  @Test
  void unknownColumnIs400() {
    assertError(
        post(Map.of("queryString", "select * from cpu where nope = 1")),
        400,
        "UNKNOWN_COLUMN",
        "nope");
  }

  @Test
  void unknownMetricIs404() {
    assertError(post(Map.of("queryString", "select * from mem")), 404, "UNKNOWN_METRIC", "mem");
    assertError(
        server.query("query_nodb", "ns", "select * from cpu"), 404, "UNKNOWN_METRIC", "cpu");
  }

  @Test
  void badFiltersAre400InvalidFilter() {
    assertError(post(filter("host", "<>", "a")), 400, "INVALID_FILTER", "operator=<>");
    assertError(post(filter("host", "=", null)), 400, "INVALID_FILTER", "needs a value");
    assertError(post(filter("host", "like", 1)), 400, "INVALID_FILTER", "string pattern");
    assertError(
        post(
            Map.of(
                "filters", List.of(Map.of("dimension", "host", "value", true, "operator", "=")))),
        400,
        "INVALID_FILTER",
        "filters[0].value");
  }

  @Test
  void filterOfTheWrongTypeForTheColumnIsTypeMismatch() {
    assertError(post(filter("cores", "=", "many")), 400, "TYPE_MISMATCH", "cores");
  }

  @Test
  void wrongFieldTypesInTheQueryBodyAreNamed() {
    assertError(post(Map.of("from", "yesterday")), 400, "INVALID_REQUEST", "field=from");
    assertError(post(Map.of("parsed", "yes")), 400, "INVALID_REQUEST", "field=parsed");
    assertError(post(Map.of("filters", "host=a")), 400, "INVALID_REQUEST", "field=filters");
    assertError(
        server.postJson("/query", Map.of("db", DB, "queryString", "select * from cpu")),
        400,
        "INVALID_REQUEST",
        "field=namespace");
  }

  @Test
  void validateAnswersTheCanonicalStatement() {
    HttpResponse<String> response =
        server.postJson(
            "/query/validate",
            Map.of("db", DB, "namespace", "ns", "queryString", "select   *  from cpu limit 3"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = json(response);
    assertTrue(answer.path("valid").asBoolean());
    assertEquals("SELECT * FROM cpu LIMIT 3", answer.path("canonical").asText());
  }

  @Test
  void validateAnswersTheErrorAQueryWouldGet() {
    assertError(
        server.postJson(
            "/query/validate",
            Map.of("db", DB, "namespace", "ns", "queryString", "non valid query")),
        400,
        "SYNTAX_ERROR",
        "line 1:");
    assertError(
        server.postJson(
            "/query/validate",
            Map.of("db", DB, "namespace", "ns", "queryString", "select * from cpu where host > 3")),
        400,
        "TYPE_MISMATCH",
        "host");
    assertError(
        server.postJson(
            "/query/validate",
            Map.of("db", DB, "namespace", "ns", "queryString", "select * from mem")),
        404,
        "UNKNOWN_METRIC",
        "mem");
  }

  /** POST /query of every row of cpu, with {@code fields} added to or replacing the defaults. */
  private static HttpResponse<String> post(Map<String, ?> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("db", DB);
    body.put("namespace", "ns");
    body.put("queryString", "select * from cpu");
    body.putAll(fields);
    return server.postJson("/query", body);
  }

  private static Map<String, Object> filter(String dimension, String operator, Object value) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("dimension", dimension);
    filter.put("operator", operator);
    if (value != null) {
      filter.put("value", value);
    }
    return Map.of("filters", List.of(filter));
  }

  /** The timestamps of a 200 answer's records, ascending. */
  private static List<Long> timestamps(HttpResponse<String> response) {
    List<Long> timestamps = new ArrayList<>();
    for (JsonNode row : records(response)) {
      timestamps.add(row.path("timestamp").asLong());
    }
    timestamps.sort(null);
    return timestamps;
  }
}
