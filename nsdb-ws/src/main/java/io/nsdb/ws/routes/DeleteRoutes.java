package io.nsdb.ws.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.http.JsonResponses;
import io.nsdb.ws.json.Fields;
import io.nsdb.ws.service.QueryService;
import io.nsdb.ws.service.WriteService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /delete} (ours): runs a SQL {@code DELETE FROM metric WHERE ...} sent in NSDb's query
 * body, {@code {db, namespace, metric?, queryString}}, and answers {@code {"deleted": n}}, the
 * points removed. The statement is checked as {@code /query} checks a SELECT ({@link
 * QueryService#prepareDelete}), then runs on a worker like a write ({@link WriteService#delete}); a
 * delete that fails changes nothing.
 */
final class DeleteRoutes extends AllDirectives {

  /**
   * {@code /query}'s enrichments, refused here rather than ignored: ignoring one would delete more
   * than the client meant. The condition belongs in the statement's WHERE.
   */
  private static final List<String> QUERY_ONLY_FIELDS = List.of("from", "to", "filters");

  private final QueryService queries;
  private final WriteService writes;
  private final Bodies bodies;

  DeleteRoutes(QueryService queries, WriteService writes, Bodies bodies) {
    this.queries = queries;
    this.writes = writes;
    this.bodies = bodies;
  }

  Route route() {
    return path("delete", () -> post(() -> bodies.json(this::delete)));
  }

  private Route delete(JsonNode body) {
    String db = Fields.requiredText(body, "db", "");
    String namespace = Fields.requiredText(body, "namespace", "");
    Optional<String> metric = Fields.optionalText(body, "metric", "");
    String queryString = Fields.requiredText(body, "queryString", "");
    for (String field : QUERY_ONLY_FIELDS) {
      if (body.has(field)) {
        throw ApiException.invalidField(
            field, "/delete takes its condition from the statement's WHERE only");
      }
    }
    QueryService.Deletion deletion = queries.prepareDelete(db, namespace, metric, queryString);
    return bodies.answer(
        writes
            .delete(deletion.metric(), deletion.delete().where())
            .thenApply(deleted -> JsonResponses.ok(Map.of("deleted", deleted))));
  }
}
