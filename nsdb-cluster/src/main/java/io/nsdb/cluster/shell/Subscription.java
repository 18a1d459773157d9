package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nsdb.sql.tree.Select;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code SUBSCRIBE <select>} and {@code \watch}: subscribes on {@code /ws-stream}
 * (docs/streaming.md), prints the history, then each live frame's rows as they arrive, until
 * Ctrl-C, which unsubscribes (waiting for the server's {@code unsubscribed}) and returns to the
 * prompt. Rows are written in the session's format as they come, so a pipe sees them at once.
 */
final class Subscription {

  private static final long POLL_MILLIS = 50;
  private static final long UNSUBSCRIBE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ServerClient client;
  private final Session session;
  private final ShellOutput output;
  private final CancelSignal cancel;

  Subscription(ServerClient client, Session session, ShellOutput output, CancelSignal cancel) {
    this.client = client;
    this.session = session;
    this.output = output;
    this.cancel = cancel;
  }

  /**
   * Runs {@code select}, typed as {@code text}, until Ctrl-C or the server ends it; a subscribe the
   * server refuses (unknown metric, bad column) throws its error.
   */
  void run(Select select, String text) {
    List<String> columns = RecordColumns.columns(select, schemaColumns(select));
    RowWriter writer = RowWriter.of(session.format(), output.results(), session.epoch());
    StreamListener listener = new StreamListener();
    WebSocket socket = client.openStream(listener);
    AtomicBoolean stop = new AtomicBoolean();
    State state = new State();
    CancelSignal.Registration registration = cancel.onCancel(() -> stop.set(true));
    try {
      ObjectNode subscribe = ServerClient.JSON.createObjectNode();
      subscribe
          .put("db", session.database())
          .put("namespace", session.namespace())
          .put("queryString", text);
      socket.sendText(subscribe.toString(), true).join();
      long unsubscribedBy = 0;
      while (true) {
        if (stop.get() && unsubscribedBy == 0) {
          if (state.quid != null) {
            ObjectNode unsubscribe = ServerClient.JSON.createObjectNode();
            unsubscribe.put("type", "unsubscribe").put("quid", state.quid);
            socket.sendText(unsubscribe.toString(), true);
          }
          unsubscribedBy = System.nanoTime() + UNSUBSCRIBE_WAIT_NANOS;
        }
        if (unsubscribedBy != 0 && (state.quid == null || System.nanoTime() > unsubscribedBy)) {
          break;
        }
        StreamListener.Event event = listener.poll(POLL_MILLIS);
        if (event instanceof StreamListener.Closed closed) {
          if (unsubscribedBy == 0) {
            throw new ShellError("STREAM_CLOSED", closed.why());
          }
          break;
        }
        if (event instanceof StreamListener.Message message
            && !handle(message.json(), columns, writer, state)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      registration.close();
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS);
      socket.abort();
    }
    if (stop.get()) {
      String rows = state.live + (state.live == 1 ? " live row" : " live rows");
      if (output.interactive()) {
        output.results().println(); // after the terminal's echo of ^C
      }
      output.notice(
          session,
          state.unsubscribed
              ? "unsubscribed after " + rows
              : "stopped after " + rows + " (the server did not confirm the unsubscribe)");
    }
  }

  /** What a subscription has seen so far. */
  private static final class State {
    String quid;
    boolean started;
    boolean unsubscribed;
    long live;
  }

  /** Handles one server message; false when the subscription is over. */
  private boolean handle(JsonNode message, List<String> columns, RowWriter writer, State state) {
    String type = message.path("type").asText("");
    switch (type) {
      case "history" -> {
        state.quid = message.path("quid").asText();
        write(message.path("records"), columns, writer, state);
      }
      case "historyEnd" -> {
        if (!state.started) {
          writer.start(columns, List.of());
          state.started = true;
        }
        long rows = message.path("records").asLong();
        output.notice(
            session,
            StatementRunner.rows((int) rows)
                .replace(")", " of history; live rows follow, Ctrl-C stops)"));
      }
      case "records" -> {
        state.live += write(message.path("records"), columns, writer, state);
        long dropped = message.path("dropped").asLong();
        if (dropped > 0) {
          output.notice(session, "(the server dropped " + dropped + " rows to keep up)");
        }
      }
      case "error" -> {
        if (state.quid == null) {
          throw ShellError.fromResponse(400, message.toString());
        }
        output.error(
            "error " + message.path("code").asText() + ": " + message.path("message").asText());
      }
      case "unsubscribed" -> {
        state.unsubscribed = true;
        return false;
      }
      case "subscriptionClosed", "close" -> {
        output.notice(
            session,
            "the server ended the subscription [code="
                + message.path("code").asText()
                + ", reason="
                + message.path(message.has("reason") ? "reason" : "message").asText()
                + "]");
        return false;
      }
      default -> {}
    }
    return true;
  }

  private int write(JsonNode records, List<String> columns, RowWriter writer, State state) {
    List<JsonNode> list = new ArrayList<>();
    records.forEach(list::add);
    List<List<JsonNode>> rows = RecordColumns.values(columns, list);
    if (!state.started) {
      writer.start(columns, rows);
      state.started = true;
    }
    writer.rows(rows);
    return rows.size();
  }

  /** What {@code *} stands for in live rows: the metric's dimensions and tags, from DESCRIBE. */
  private List<String> schemaColumns(Select select) {
    List<String> names = new ArrayList<>();
    try {
      JsonNode description =
          client.describe(session.database(), session.namespace(), select.metric().value());
      for (JsonNode field : description.path("fields")) {
        String name = field.path("name").asText();
        if (!name.equals(RecordColumns.TIMESTAMP) && !name.equals(RecordColumns.VALUE)) {
          names.add(name);
        }
      }
    } catch (ShellError e) {
      // An unknown metric: the subscribe itself reports it, with its position.
    }
    return names;
  }
}
