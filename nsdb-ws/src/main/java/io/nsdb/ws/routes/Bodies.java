package io.nsdb.ws.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.http.ErrorResponses;
import io.nsdb.ws.json.Json;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Reading request bodies the same way on every route: gzip/deflate bodies decoded, the whole body
 * read up to {@code nsdb.http.max-body-size} (past it: 413), JSON bodies required to say so in
 * their Content-Type (otherwise: 415) and parsed (otherwise: 400). Also how a route answers with a
 * future: the value or the error, mapped by {@link ErrorResponses}.
 */
final class Bodies extends AllDirectives {

  private final long maxBytes;
  private final Duration readTimeout;

  Bodies(long maxBytes, Duration readTimeout) {
    this.maxBytes = maxBytes;
    this.readTimeout = readTimeout;
  }

  /** The raw body, decoded if compressed. */
  Route bytes(Function<byte[], Route> inner) {
    return decodeRequest(
        () ->
            extractStrictEntity(
                readTimeout, maxBytes, entity -> inner.apply(entity.getData().toArray())));
  }

  /** The body as one JSON object. */
  Route json(Function<JsonNode, Route> inner) {
    return extractRequestEntity(
        entity -> {
          requireJson(entity.getContentType());
          return bytes(body -> inner.apply(Json.readObject(body)));
        });
  }

  static void requireJson(ContentType contentType) {
    var mediaType = contentType.mediaType();
    if (!mediaType.equals(MediaTypes.APPLICATION_JSON) && !mediaType.subType().endsWith("+json")) {
      throw new ApiException(
          415,
          ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "send a JSON body with Content-Type: application/json [contentType=" + contentType + "]");
    }
  }

  /** Completes with the future's answer, or with the error it failed with. */
  Route answer(CompletionStage<HttpResponse> response) {
    return completeWithFuture(
        response.handle((ok, error) -> error == null ? ok : ErrorResponses.of(error)));
  }
}
