package io.nsdb.ws.routes;

import static io.nsdb.ws.testing.ApiAssertions.assertError;
import static io.nsdb.ws.testing.ApiAssertions.records;
import static io.nsdb.ws.testing.TestServer.bit;
import static io.nsdb.ws.testing.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command API: list, describe, drop, and setting a metric's info before its first write. */
class CommandRoutesTest {

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
  void listsDatabasesNamespacesAndMetricsSorted() {
    server.insert("cmd_list", "ns2", "mem", List.of(bit(1, 1, Map.of(), Map.of())));
    server.insert("cmd_list", "ns1", "disk", List.of(bit(1, 1, Map.of(), Map.of())));
    server.insert("cmd_list", "ns1", "cpu", List.of(bit(1, 1, Map.of(), Map.of())));

    HttpResponse<String> dbs = server.get("/commands/dbs");
    assertEquals(200, dbs.statusCode());
    assertTrue(texts(json(dbs).path("dbs")).contains("cmd_list"), dbs.body());

    HttpResponse<String> namespaces = server.get("/commands/cmd_list/namespaces");
    assertEquals(200, namespaces.statusCode());
    assertEquals(List.of("ns1", "ns2"), texts(json(namespaces).path("namespaces")));

    HttpResponse<String> metrics = server.get("/commands/cmd_list/ns1/metrics");
    assertEquals(200, metrics.statusCode());
    assertEquals(List.of("cpu", "disk"), texts(json(metrics).path("metrics")));
  }

  @Test
  void unknownNamesAre404WithTheCodeOfWhatIsMissing() {
    server.insert("cmd_404", "ns", "cpu", List.of(bit(1, 1, Map.of(), Map.of())));

    assertError(server.get("/commands/cmd_none/namespaces"), 404, "UNKNOWN_DATABASE", "cmd_none");
    assertError(server.get("/commands/cmd_404/nope/metrics"), 404, "UNKNOWN_NAMESPACE", "nope");
    assertError(server.get("/commands/cmd_404/ns/mem"), 404, "UNKNOWN_METRIC", "mem");
    assertError(server.delete("/commands/cmd_404/ns/mem"), 404, "UNKNOWN_METRIC", "mem");
    assertError(server.delete("/commands/cmd_404/nope"), 404, "UNKNOWN_NAMESPACE", "nope");
  }

  @Test
  void describeListsTheFieldsWithNsdbsFieldClassesAndTheMetricInfo() {
    server.insert(
        "cmd_describe",
        "ns",
        "cpu",
        List.of(bit(1, 0.5, Map.of("host", "a", "cores", 4), Map.of("region", "eu"))));

    HttpResponse<String> response = server.get("/commands/cmd_describe/ns/cpu");

    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = json(response);
    Map<String, String> types = new TreeMap<>();
    Map<String, String> classes = new TreeMap<>();
    for (JsonNode field : answer.path("fields")) {
      types.put(field.path("name").asText(), field.path("type").asText());
      classes.put(field.path("name").asText(), field.path("fieldClassType").asText());
    }
    assertEquals(
        Map.of(
            "timestamp", "BIGINT",
            "value", "DECIMAL",
            "host", "VARCHAR",
            "cores", "BIGINT",
            "region", "VARCHAR"),
        types);
    assertEquals(
        Map.of(
            "timestamp", "TimestampFieldType",
            "value", "ValueFieldType",
            "host", "DimensionFieldType",
            "cores", "DimensionFieldType",
            "region", "TagFieldType"),
        classes);
    JsonNode info = answer.path("metricInfo");
    assertEquals("cmd_describe", info.path("db").asText());
    assertEquals("ns", info.path("namespace").asText());
    assertEquals("cpu", info.path("metric").asText());
    assertEquals(86_400_000L, info.path("shardInterval").asLong(), "the default of 1d");
    assertEquals(0, info.path("retention").asLong(), "the default: forever");
  }

  @Test
  void dropMetricRemovesItsDataAndItsName() {
    server.insert("cmd_drop", "ns", "cpu", List.of(bit(1, 1, Map.of(), Map.of())));
    server.insert("cmd_drop", "ns", "mem", List.of(bit(1, 1, Map.of(), Map.of())));

    HttpResponse<String> response = server.delete("/commands/cmd_drop/ns/cpu");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("cmd_drop.ns.cpu", json(response).path("dropped").asText());
    assertEquals(
        List.of("mem"), texts(json(server.get("/commands/cmd_drop/ns/metrics")).path("metrics")));
    assertError(server.query("cmd_drop", "ns", "select * from cpu"), 404, "UNKNOWN_METRIC", "cpu");
  }

  @Test
  void dropNamespaceRemovesEveryMetricInIt() {
    server.insert("cmd_dropns", "gone", "cpu", List.of(bit(1, 1, Map.of(), Map.of())));
    server.insert("cmd_dropns", "gone", "mem", List.of(bit(1, 1, Map.of(), Map.of())));
    server.insert("cmd_dropns", "kept", "cpu", List.of(bit(1, 1, Map.of(), Map.of())));

    HttpResponse<String> response = server.delete("/commands/cmd_dropns/gone");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("cmd_dropns.gone", json(response).path("dropped").asText());
    assertEquals(
        List.of("kept"),
        texts(json(server.get("/commands/cmd_dropns/namespaces")).path("namespaces")));
    assertError(server.get("/commands/cmd_dropns/gone/metrics"), 404, "UNKNOWN_NAMESPACE", "gone");
    assertEquals(1, records(server.query("cmd_dropns", "kept", "select * from cpu")).size());
  }

  @Test
  void infoIsSetBeforeTheFirstWriteAndRefusedAfter() {
    HttpResponse<String> set =
        server.putJson(
            "/commands/cmd_info/ns/cpu/info",
            "{\"shardInterval\": \"2d\", \"retention\": \"30d\"}");

    assertEquals(200, set.statusCode(), set.body());
    JsonNode info = json(set);
    assertEquals("cpu", info.path("metric").asText());
    assertEquals(2 * 86_400_000L, info.path("shardInterval").asLong());
    assertEquals(30 * 86_400_000L, info.path("retention").asLong());

    server.insert(
        "cmd_info", "ns", "cpu", List.of(bit(System.currentTimeMillis(), 1, Map.of(), Map.of())));
    assertEquals(
        2 * 86_400_000L,
        json(server.get("/commands/cmd_info/ns/cpu"))
            .path("metricInfo")
            .path("shardInterval")
            .asLong());

    assertError(
        server.putJson(
            "/commands/cmd_info/ns/cpu/info", "{\"shardInterval\": 3600000, \"retention\": 0}"),
        409,
        "METRIC_INFO_ALREADY_SET",
        "cpu");
  }

  @Test
  void infoTakesMillisecondsToo() {
    HttpResponse<String> set =
        server.putJson(
            "/commands/cmd_info_ms/ns/cpu/info", "{\"shardInterval\": 3600000, \"retention\": 0}");

    assertEquals(200, set.statusCode(), set.body());
    assertEquals(3_600_000L, json(set).path("shardInterval").asLong());
    assertEquals(0, json(set).path("retention").asLong());
  }

  @Test
  void badInfoIs400NamingTheField() {
    assertError(
        server.putJson("/commands/cmd_info_bad/ns/cpu/info", "{\"shardInterval\": \"1d\"}"),
        400,
        "INVALID_REQUEST",
        "field=retention");
    assertError(
        server.putJson(
            "/commands/cmd_info_bad/ns/cpu/info",
            "{\"shardInterval\": \"soon\", \"retention\": 0}"),
        400,
        "INVALID_REQUEST",
        "field=shardInterval");
    assertError(
        server.putJson(
            "/commands/cmd_info_bad/ns/cpu/info", "{\"shardInterval\": -5, \"retention\": 0}"),
        400,
        "INVALID_REQUEST",
        "field=shardInterval");
  }

  @Test
  void commandsAnswer405ToOtherMethods() {
    HttpResponse<String> response =
        server.send(
            server.request("/commands/dbs").POST(HttpRequest.BodyPublishers.noBody()).build());

    assertError(response, 405, "METHOD_NOT_ALLOWED", "allowed=GET");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
