package io.nsdb.ws.routes;

import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.lineprotocol.Precision;
import io.nsdb.ws.service.WriteService;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /write?db=..&namespace=..&precision=ns|us|ms|s}: an InfluxDB line-protocol body (any
 * Content-Type, gzip allowed), all or nothing, answered 204 once every point is durable and
 * queryable; a malformed batch gets 400 listing each bad line. {@code docs/line-protocol.md} has
 * the mapping.
 */
final class WriteRoutes extends AllDirectives {

  private final WriteService writes;
  private final Bodies bodies;

  WriteRoutes(WriteService writes, Bodies bodies) {
    this.writes = writes;
    this.bodies = bodies;
  }

  Route route() {
    return path(
        "write",
        () ->
            post(
                () ->
                    parameterOptional(
                        "db",
                        db ->
                            parameterOptional(
                                "namespace",
                                namespace ->
                                    parameterOptional(
                                        "precision",
                                        precision ->
                                            bodies.bytes(
                                                body -> write(db, namespace, precision, body)))))));
  }

  private Route write(
      Optional<String> db, Optional<String> namespace, Optional<String> precision, byte[] body) {
    Precision unit;
    try {
      unit = Precision.fromParameter(precision.orElse(null));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("precision", e.getMessage());
    }
    return bodies.answer(
        writes
            .writeLines(required("db", db), required("namespace", namespace), unit, body)
            .thenApply(points -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT)));
  }

  private static String required(String name, Optional<String> value) {
    return value
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                ApiException.invalidField(
                    name, "missing required query parameter, e.g. /write?db=mydb&namespace=myns"));
  }
}
