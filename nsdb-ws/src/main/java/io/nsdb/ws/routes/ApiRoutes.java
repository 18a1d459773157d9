package io.nsdb.ws.routes;

import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ErrorResponses;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.metrics.ServerMetrics;
import io.nsdb.ws.service.CatalogService;
import io.nsdb.ws.service.QueryService;
import io.nsdb.ws.service.WriteService;
import io.nsdb.ws.stream.StreamRoutes;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestEncodingRejection;

/**
 * Every route of the server, and what they all share: the {@code NSDb-Version} header, CORS,
 * request figures for {@code /metrics}, and one error shape for thrown errors and for Pekko's
 * rejections (unknown path 404, wrong method 405, unsupported encoding 415).
 */
public final class ApiRoutes extends AllDirectives {

  private final HttpSettings settings;
  private final ServerMetrics metrics;
  private final Bodies bodies;
  private final Cors cors;
  private final Route routes;

  public ApiRoutes(
      HttpSettings settings,
      QueryService queries,
      WriteService writes,
      CatalogService catalog,
      StreamRoutes streams,
      ServerMetrics metrics,
      BooleanSupplier stopping) {
    this.settings = settings;
    this.metrics = metrics;
    this.bodies = new Bodies(settings.maxBodyBytes(), settings.requestTimeout());
    this.cors = new Cors(settings.corsAllowedOrigins());
    this.routes =
        concat(
            new RootRoutes(settings, metrics, stopping).route(),
            new QueryRoutes(queries, bodies).route(),
            new DeleteRoutes(queries, writes, bodies).route(),
            new DataRoutes(writes, bodies).route(),
            new WriteRoutes(writes, bodies).route(),
            new CommandRoutes(catalog, bodies).route(),
            streams.route());
  }

  public Route route() {
    // Built once: what every request goes through inside the figures, the same for all of them.
    Route handled =
        respondWithHeader(
            RawHeader.create("NSDb-Version", settings.version()),
            () ->
                cors.wrap(
                    () ->
                        withRequestTimeoutResponse(
                            this::timedOut,
                            () ->
                                handleExceptions(
                                    ExceptionHandler.newBuilder()
                                        .match(Throwable.class, e -> complete(ErrorResponses.of(e)))
                                        .build(),
                                    () -> handleRejections(rejections(), () -> routes)))));
    return extractRequest(
        request -> {
          long started = System.nanoTime();
          return mapResponse(
              response -> {
                metrics.requestAnswered(
                    routeLabel(request),
                    request.method().value(),
                    response.status().intValue(),
                    System.nanoTime() - started);
                return response;
              },
              () -> handled);
        });
  }

  /** Pekko answers for us when a request outlives {@code nsdb.http.request-timeout}. */
  private HttpResponse timedOut(HttpRequest request) {
    return ErrorResponses.of(
        503,
        ApiErrorCode.REQUEST_TIMEOUT,
        "the request took longer than the server allows [method="
            + request.method().value()
            + ", path="
            + request.getUri().path()
            + ", timeout="
            + settings.requestTimeout()
            + ", setting=nsdb.http.request-timeout]");
  }

  private RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handleAll(
            MethodRejection.class,
            rejected ->
                extractRequest(
                    request ->
                        complete(
                            ErrorResponses.of(
                                405,
                                ApiErrorCode.METHOD_NOT_ALLOWED,
                                "method not allowed here [method="
                                    + request.method().value()
                                    + ", path="
                                    + request.getUri().path()
                                    + ", allowed="
                                    + rejected.stream()
                                        .map(r -> r.supported().value())
                                        .distinct()
                                        .collect(Collectors.joining(", "))
                                    + "]"))))
        .handleAll(
            UnsupportedRequestEncodingRejection.class,
            rejected ->
                complete(
                    ErrorResponses.of(
                        415,
                        ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported Content-Encoding, send gzip, deflate or none")))
        .handle(
            MalformedQueryParamRejection.class,
            rejected ->
                complete(
                    ErrorResponses.of(
                        400,
                        ApiErrorCode.INVALID_REQUEST,
                        rejected.errorMsg() + " [parameter=" + rejected.parameterName() + "]")))
        .handleNotFound(
            extractRequest(
                request ->
                    complete(
                        ErrorResponses.of(
                            404,
                            ApiErrorCode.NOT_FOUND,
                            "no such resource [method="
                                + request.method().value()
                                + ", path="
                                + request.getUri().path()
                                + "]"))))
        .handleAll(
            Rejection.class,
            (List<Rejection> rejected) ->
                complete(
                    ErrorResponses.of(
                        400, ApiErrorCode.INVALID_REQUEST, "request refused " + rejected)))
        .build();
  }

  /** The route family of a request, a bounded set of label values for the request figures. */
  private static String routeLabel(HttpRequest request) {
    String path = request.getUri().path();
    for (String family :
        List.of(
            "/query/validate",
            "/query",
            "/delete",
            "/data",
            "/write",
            "/commands",
            "/status",
            "/metrics",
            "/ws-stream",
            "/stream")) {
      if (path.equals(family) || path.startsWith(family + "/")) {
        return family;
      }
    }
    return path.equals("/") ? "/" : "other";
  }
}
