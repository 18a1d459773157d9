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
    return typed("history")
        .with("quid", quid)
        .with("db", request.db())
        .with("namespace", request.namespace())
        .with("metric", metric)
        .with("queryString", request.queryString())
        .with("records", part)
        .json();
  }

  /** The end of the history: live frames follow, from {@code lsn} on. */
  static String historyEnd(String quid, Publisher.Subscribed subscribed) {
    return typed("historyEnd")
        .with("quid", quid)
        .with("lsn", subscribed.lsn())
        .with("records", subscribed.history().size())
        .with("resumed", subscribed.resumed())
        .with("replayed", subscribed.replayed())
        .json();
  }

  static String frame(Publisher.Frame frame) {
    return typed("records")
        .with("quid", frame.quid())
        .with("metric", frame.metric().metric())
        .with("records", frame.records())
        .with("seq", frame.sequence())
        .with("lsn", frame.lastLsn())
        .with("dropped", frame.dropped())
        .with("lateIgnored", frame.lateIgnored())
        .json();
  }

  /** A subscribe that failed, in NSDb's shape plus the code and, for SQL, where. */
  static String subscribeFailed(QueryRequest request, ErrorResponses.Problem problem) {
    return typed("error")
        .with("db", request.db())
        .with("namespace", request.namespace())
        .with("queryString", request.queryString())
        .with("reason", problem.message())
        .withAll(problem.fields())
        .json();
  }

  /** Any other message that was refused; the socket stays open. */
  static String error(ErrorResponses.Problem problem) {
    return typed("error").with("reason", problem.message()).withAll(problem.fields()).json();
  }

  static String unsubscribed(String quid) {
    return typed("unsubscribed").with("quid", quid).json();
  }

  /** The publisher ended a subscription whose frames went unacknowledged too long. */
  static String subscriptionClosed(Publisher.SlowConsumer slow) {
    return typed("subscriptionClosed")
        .with("quid", slow.quid())
        .with("code", CloseCode.SLOW_CONSUMER.name())
        .with("droppedTotal", slow.droppedTotal())
        .json();
  }

  /** A subscription whose query failed on a new point (e.g. too many groups) was ended. */
  static String subscriptionFailed(Publisher.SubscriptionFailed failed) {
    return typed("subscriptionClosed")
        .with("quid", failed.quid())
        .with("code", failed.code().name())
        .with("message", failed.message())
        .with("reason", failed.message())
        .json();
  }

  static String pong() {
    return typed("pong").json();
  }

  /** A keep-alive line of an HTTP stream, which has no ping frames. */
  static String ping() {
    return typed("ping").json();
  }

  /** The connection's last message: why it is closed. */
  static String close(CloseCode code, String reason) {
    return typed("close")
        .with("code", code.code())
        .with("name", code.name())
        .with("reason", reason)
        .json();
  }

  private static Message typed(String type) {
    return new Message().with("type", type);
  }

  /** A message's fields in order, written as one JSON object. */
  private static final class Message {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Message with(String name, Object value) {
      fields.put(name, value);
      return this;
    }

    Message withAll(Map<String, Object> more) {
      fields.putAll(more);
      return this;
    }

    String json() {
      try {
        return Json.MAPPER.writeValueAsString(fields);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("cannot write a stream message", e);
      }
    }
  }
}
