package io.nsdb.ws.routes;

import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.http.JsonResponses;
import io.nsdb.ws.metrics.ServerMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /} (the API root: version and the URLs clients should use, built from the advertised
 * host and port, not the bind address), {@code GET /status} (NSDb's {@code RUNNING}; 503 {@code
 * STOPPING} once shutdown began, so a load balancer stops sending) and {@code GET /metrics}
 * (Prometheus text).
 */
final class RootRoutes extends AllDirectives {

  private final HttpSettings settings;
  private final ServerMetrics metrics;
  private final BooleanSupplier stopping;

  RootRoutes(HttpSettings settings, ServerMetrics metrics, BooleanSupplier stopping) {
    this.settings = settings;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  Route route() {
    return concat(
        pathEndOrSingleSlash(() -> get(() -> complete(JsonResponses.ok(apiRoot())))),
        path(
            "status",
            () ->
                get(
                    () ->
                        complete(
                            stopping.getAsBoolean()
                                ? HttpResponse.create()
                                    .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
                                    .withEntity("STOPPING")
                                : HttpResponse.create().withEntity("RUNNING")))),
        path(
            "metrics",
            () ->
                get(
                    () ->
                        complete(
                            HttpResponse.create()
                                .withEntity(
                                    HttpEntities.create(
                                        ContentTypes.parse(metrics.contentType()),
                                        metrics.scrape()))))));
  }

  private Map<String, Object> apiRoot() {
    String host = settings.advertisedHost() + ":" + settings.advertisedPort();
    Map<String, Object> endpoints = new LinkedHashMap<>();
    endpoints.put("query", "http://" + host + "/query");
    endpoints.put("data", "http://" + host + "/data");
    endpoints.put("write", "http://" + host + "/write");
    endpoints.put("commands", "http://" + host + "/commands");
    endpoints.put("metrics", "http://" + host + "/metrics");
    Map<String, Object> streams = new LinkedHashMap<>();
    streams.put("websocket", "ws://" + host + "/ws-stream");
    streams.put("http", "http://" + host + "/stream");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "NSDb for the JVM");
    root.put("version", settings.version());
    root.put("endpoints", endpoints);
    root.put("streams", streams);
    root.put("docs", "docs/http.md");
    return root;
  }
}
