package io.nsdb.ws.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Cross-origin access for browser pages ({@code nsdb.http.cors.allowed-origins}): a request from an
 * allowed origin gets {@code Access-Control-Allow-Origin}; a preflight {@code OPTIONS} from one is
 * answered 204 with the methods and headers allowed. Origins not allowed get no CORS headers, so
 * the browser keeps the answer from the page.
 */
final class Cors extends AllDirectives {

  private static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";

  private final List<String> allowedOrigins;

  Cors(List<String> allowedOrigins) {
    this.allowedOrigins = List.copyOf(allowedOrigins);
  }

  Route wrap(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          Optional<String> origin = header(request, "Origin").filter(this::allowed);
          if (origin.isEmpty()) {
            return inner.get();
          }
          String allowOrigin = allowedOrigins.contains("*") ? "*" : origin.get();
          if (request.method().equals(HttpMethods.OPTIONS)
              && header(request, "Access-Control-Request-Method").isPresent()) {
            List<org.apache.pekko.http.javadsl.model.HttpHeader> headers = new ArrayList<>();
            headers.add(RawHeader.create("Access-Control-Allow-Origin", allowOrigin));
            headers.add(RawHeader.create("Access-Control-Allow-Methods", METHODS));
            header(request, "Access-Control-Request-Headers")
                .ifPresent(h -> headers.add(RawHeader.create("Access-Control-Allow-Headers", h)));
            headers.add(RawHeader.create("Access-Control-Max-Age", "600"));
            headers.add(RawHeader.create("Vary", "Origin"));
            return complete(
                HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(headers));
          }
          return respondWithHeaders(
              List.of(
                  RawHeader.create("Access-Control-Allow-Origin", allowOrigin),
                  RawHeader.create("Vary", "Origin")),
              inner);
        });
  }

  private boolean allowed(String origin) {
    return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
  }

  private static Optional<String> header(HttpRequest request, String name) {
    return request.getHeader(name).map(h -> h.value());
  }
}
