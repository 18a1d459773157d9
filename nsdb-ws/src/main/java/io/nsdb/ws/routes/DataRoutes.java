package io.nsdb.ws.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.model.Bit;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.http.JsonResponses;
import io.nsdb.ws.json.BitJson;
import io.nsdb.ws.json.Fields;
import io.nsdb.ws.service.WriteService;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /data}: NSDb's insert, {@code {db, namespace, metric, bit}}, answered {@code 200 OK}
 * as NSDb does; or a batch, {@code {db, namespace, metric, bits: [...]}}, all or nothing, answered
 * {@code {"accepted": n, "lsn": last}}. Either way the points are durable and queryable when the
 * answer leaves.
 */
final class DataRoutes extends AllDirectives {

  private final WriteService writes;
  private final Bodies bodies;

  DataRoutes(WriteService writes, Bodies bodies) {
    this.writes = writes;
    this.bodies = bodies;
  }

  Route route() {
    return path("data", () -> post(() -> bodies.json(this::insert)));
  }

  private Route insert(JsonNode body) {
    String db = Fields.requiredText(body, "db", "");
    String namespace = Fields.requiredText(body, "namespace", "");
    String metric = Fields.requiredText(body, "metric", "");
    JsonNode bit = body.get("bit");
    JsonNode bits = body.get("bits");
    boolean single = bit != null && !bit.isNull();
    boolean batch = bits != null && !bits.isNull();
    if (single == batch) {
      throw ApiException.invalidField(
          single ? "bit, bits" : "bit",
          "send exactly one of 'bit' (one point) or 'bits' (a batch)");
    }
    List<Bit> points = single ? List.of(BitJson.read(bit, "bit")) : BitJson.readAll(bits, "bits");
    return bodies.answer(
        writes
            .insert(db, namespace, metric, points)
            .thenApply(
                lsn ->
                    single
                        ? HttpResponse.create().withEntity("OK")
                        : JsonResponses.ok(Map.of("accepted", points.size(), "lsn", lsn))));
  }
}
