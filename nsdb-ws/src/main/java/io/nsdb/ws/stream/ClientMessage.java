package io.nsdb.ws.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.json.Fields;
import io.nsdb.ws.json.Json;
import io.nsdb.ws.json.QueryRequest;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * What a client sends on a stream, read from one JSON text message. A message without {@code type}
 * is NSDb's subscribe message, so NSDb clients work unchanged; the other types are ours.
 */
public sealed interface ClientMessage {

  /**
   * NSDb's {@code {db, namespace, metric?, queryString, from?, to?, filters?}}, plus our {@code
   * resumeAfter}: the {@code lsn} of the last frame taken before a disconnect.
   */
  record Subscribe(QueryRequest query, OptionalLong resumeAfter) implements ClientMessage {}

  /** {@code {"type": "unsubscribe", "quid": "..."}}. */
  record Unsubscribe(String quid) implements ClientMessage {}

  /** {@code {"type": "ping"}}: answered with a pong; keeps an idle socket open. */
  record Ping() implements ClientMessage {}

  /**
   * Reads one message.
   *
   * @throws ApiException MALFORMED_JSON, INVALID_REQUEST (a field of the wrong shape), or
   *     UNKNOWN_MESSAGE_TYPE, each naming what is wrong
   */
  static ClientMessage parse(String text) {
    JsonNode message = Json.readObject(text.getBytes(StandardCharsets.UTF_8));
    String type = Fields.optionalText(message, "type", "").orElse("subscribe");
    return switch (type) {
      case "subscribe" ->
          new Subscribe(
              QueryRequest.fromJson(message), Fields.optionalLong(message, "resumeAfter", ""));
      case "unsubscribe" -> new Unsubscribe(Fields.requiredText(message, "quid", ""));
      case "ping" -> new Ping();
      default ->
          throw ApiException.badRequest(
              ApiErrorCode.UNKNOWN_MESSAGE_TYPE,
              "unknown message type [type=" + type + ", expected=subscribe, unsubscribe or ping]");
    };
  }
}
