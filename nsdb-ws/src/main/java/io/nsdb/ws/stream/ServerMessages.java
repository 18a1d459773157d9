package io.nsdb.ws.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.nsdb.core.query.ResultRow;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.http.ErrorResponses;
import io.nsdb.ws.json.Json;
import io.nsdb.ws.json.QueryRequest;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server sends on a stream, as JSON text: NSDb's shapes (history {@code {queryString,
 * quid, records}}, pushes {@code {quid, metric, records}}, failures {@code {db, namespace,
 * queryString, reason}}) with a {@code type} and our additions beside them. {@code
 * docs/streaming.md} documents every message.
 */
final class ServerMessages {

  private ServerMessages() {}

  /** One part of a subscription's history; a long history comes in several. */
  static String history(String quid, QueryRequest request, String metric, List<ResultRow> part) {
    Map<String, Object> message = typed("history");
    message.put("quid", quid);
    message.put("db", request.db());
    message.put("namespace", request.namespace());
    message.put("metric", metric);
    message.put("queryString", request.queryString());
    message.put("records", part);
    return write(message);
  }

  /** The end of the history: live frames follow, from {@code lsn} on. */
  static String historyEnd(String quid, Publisher.Subscribed subscribed) {
    Map<String, Object> message = typed("historyEnd");
    message.put("quid", quid);
    message.put("lsn", subscribed.lsn());
    message.put("records", subscribed.history().size());
    message.put("resumed", subscribed.resumed());
    message.put("replayed", subscribed.replayed());
    return write(message);
  }

  static String frame(Publisher.Frame frame) {
    Map<String, Object> message = typed("records");
    message.put("quid", frame.quid());
    message.put("metric", frame.metric().metric());
    message.put("records", frame.records());
    message.put("seq", frame.sequence());
    message.put("lsn", frame.lastLsn());
    message.put("dropped", frame.dropped());
    message.put("lateIgnored", frame.lateIgnored());
    return write(message);
  }

  /** A subscribe that failed, in NSDb's shape plus the code and, for SQL, where. */
  static String subscribeFailed(QueryRequest request, ErrorResponses.Problem problem) {
    Map<String, Object> message = typed("error");
    message.put("db", request.db());
    message.put("namespace", request.namespace());
    message.put("queryString", request.queryString());
    message.put("reason", problem.message());
    message.putAll(problem.fields());
    return write(message);
  }

  /** Any other message that was refused; the socket stays open. */
  static String error(ErrorResponses.Problem problem) {
    Map<String, Object> message = typed("error");
    message.put("reason", problem.message());
    message.putAll(problem.fields());
    return write(message);
  }

  static String unsubscribed(String quid) {
    Map<String, Object> message = typed("unsubscribed");
    message.put("quid", quid);
    return write(message);
  }

  /** The publisher ended a subscription whose frames went unacknowledged too long. */
  static String subscriptionClosed(Publisher.SlowConsumer slow) {
    Map<String, Object> message = typed("subscriptionClosed");
    message.put("quid", slow.quid());
    message.put("code", CloseCode.SLOW_CONSUMER.name());
    message.put("droppedTotal", slow.droppedTotal());
    return write(message);
  }

  /** A subscription whose query failed on a new point (e.g. too many groups) was ended. */
  static String subscriptionFailed(Publisher.SubscriptionFailed failed) {
    Map<String, Object> message = typed("subscriptionClosed");
    message.put("quid", failed.quid());
    message.put("code", failed.code().name());
    message.put("message", failed.message());
    message.put("reason", failed.message());
    return write(message);
  }

  static String pong() {
    return write(typed("pong"));
  }

  /** A keep-alive line of an HTTP stream, which has no ping frames. */
  static String ping() {
    return write(typed("ping"));
  }

  /** The connection's last message: why it is closed. */
  static String close(CloseCode code, String reason) {
    Map<String, Object> message = typed("close");
    message.put("code", code.code());
    message.put("name", code.name());
    message.put("reason", reason);
    return write(message);
  }

  private static Map<String, Object> typed(String type) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", type);
    return message;
  }

  private static String write(Map<String, Object> message) {
    try {
      return Json.MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a stream message", e);
    }
  }
}
