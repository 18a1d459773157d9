package io.nsdb.ws.routes;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.schema.Column;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.ws.http.JsonResponses;
import io.nsdb.ws.json.MetricInfoJson;
import io.nsdb.ws.service.CatalogService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * NSDb's command API under {@code /commands}: list databases, namespaces, metrics; describe a
 * metric; drop a metric or a namespace. Ours adds {@code PUT /commands/{db}/{ns}/{metric}/info} to
 * set a metric's shard interval and retention before its first write.
 */
final class CommandRoutes extends AllDirectives {

  private final CatalogService catalog;
  private final Bodies bodies;

  CommandRoutes(CatalogService catalog, Bodies bodies) {
    this.catalog = catalog;
    this.bodies = bodies;
  }

  Route route() {
    return pathPrefix(
        "commands",
        () ->
            concat(
                path("dbs", () -> get(() -> complete(Map.of("dbs", catalog.databases())))),
                pathPrefix(
                    segment(),
                    db ->
                        concat(
                            path(
                                "namespaces",
                                () ->
                                    get(
                                        () ->
                                            complete(
                                                Map.of("namespaces", catalog.namespaces(db))))),
                            pathPrefix(segment(), ns -> namespaceRoutes(db, ns))))));
  }

  private Route namespaceRoutes(String db, String ns) {
    return concat(
        pathEnd(
            () ->
                delete(
                    () ->
                        bodies.answer(
                            catalog
                                .dropNamespace(db, ns)
                                .thenApply(
                                    dropped ->
                                        JsonResponses.ok(Map.of("dropped", db + "." + dropped)))))),
        path("metrics", () -> get(() -> complete(Map.of("metrics", catalog.metrics(db, ns))))),
        pathPrefix(
            segment(),
            metric ->
                concat(
                    pathEnd(
                        () ->
                            concat(
                                get(() -> complete(describe(db, ns, metric))),
                                delete(
                                    () ->
                                        bodies.answer(
                                            catalog
                                                .dropMetric(db, ns, metric)
                                                .thenApply(
                                                    key ->
                                                        JsonResponses.ok(
                                                            Map.of("dropped", key.toString()))))))),
                    path(
                        "info",
                        () -> put(() -> bodies.json(body -> setInfo(db, ns, metric, body)))))));
  }

  private Route complete(Object body) {
    return complete(JsonResponses.ok(body));
  }

  /**
   * NSDb's describe shape: {@code fields} (name, type, and NSDb's field class) and {@code
   * metricInfo} (db, namespace, metric, shardInterval and retention in milliseconds).
   */
  private Map<String, Object> describe(String db, String ns, String metric) {
    CatalogService.Description description = catalog.describe(db, ns, metric);
    List<Map<String, Object>> fields = new ArrayList<>();
    description
        .schema()
        .ifPresent(
            schema -> {
              fields.add(field("timestamp", "BIGINT", "TimestampFieldType"));
              fields.add(field("value", schema.valueType().name(), "ValueFieldType"));
              for (Column column : schema.columns().values()) {
                fields.add(
                    field(
                        column.name(),
                        column.type().name(),
                        switch (column.kind()) {
                          case DIMENSION -> "DimensionFieldType";
                          case TAG -> "TagFieldType";
                        }));
              }
            });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fields", fields);
    body.put("metricInfo", MetricInfoJson.write(description.metric(), description.info()));
    return body;
  }

  private static Map<String, Object> field(String name, String type, String fieldClass) {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("name", name);
    field.put("type", type);
    field.put("fieldClassType", fieldClass);
    return field;
  }

  private Route setInfo(String db, String ns, String metric, JsonNode body) {
    MetricInfo info = MetricInfoJson.read(body);
    return bodies.answer(
        catalog
            .setInfo(db, ns, metric, info)
            .thenApply(
                stored -> JsonResponses.ok(MetricInfoJson.write(stored.metric(), stored.info()))));
  }
}
