package io.nsdb.ws.routes;

import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.tree.Select;
import io.nsdb.ws.http.JsonResponses;
import io.nsdb.ws.json.ParsedStatement;
import io.nsdb.ws.json.QueryRequest;
import io.nsdb.ws.service.QueryService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /query} (NSDb's body), {@code GET /query} (the same fields as parameters) and {@code
 * POST /query/validate}. Answers {@code {"records": [...]}} in NSDb's row shape, plus {@code
 * "parsed"} when asked; validation answers {@code {"valid": true, "canonical": "..."}}.
 */
final class QueryRoutes extends AllDirectives {

  private final QueryService queries;
  private final Bodies bodies;

  QueryRoutes(QueryService queries, Bodies bodies) {
    this.queries = queries;
    this.bodies = bodies;
  }

  Route route() {
    return pathPrefix(
        "query",
        () ->
            concat(
                pathEnd(
                    () ->
                        concat(
                            post(() -> bodies.json(body -> run(QueryRequest.fromJson(body)))),
                            get(
                                () ->
                                    parameterMap(
                                        parameters ->
                                            run(QueryRequest.fromParameters(parameters)))))),
                path(
                    "validate",
                    () -> post(() -> bodies.json(body -> validate(QueryRequest.fromJson(body)))))));
  }

  private Route run(QueryRequest request) {
    return bodies.answer(
        queries
            .query(request)
            .thenApply(
                answer -> {
                  Map<String, Object> body = new LinkedHashMap<>();
                  body.put("records", answer.result().rows());
                  if (request.parsed()) {
                    body.put("parsed", ParsedStatement.of(answer.select()));
                  }
                  return JsonResponses.ok(body);
                }));
  }

  private Route validate(QueryRequest request) {
    return bodies.answer(
        queries
            .validate(request)
            .thenApply(
                (Select select) ->
                    JsonResponses.ok(
                        Map.of("valid", true, "canonical", SqlFormatter.format(select)))));
  }
}
