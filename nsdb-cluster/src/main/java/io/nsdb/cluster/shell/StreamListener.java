package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@code /ws-stream} socket into a queue of whole messages for the shell's thread: text
 * parts are joined until the last one, each message parsed as JSON; the socket closing or failing
 * becomes a last event. The socket is asked for one message at a time, as they are taken.
 */
final class StreamListener implements WebSocket.Listener {

  /** One thing that happened on the socket. */
  sealed interface Event {}

  /** A server message: {@code history}, {@code historyEnd}, {@code records}, {@code error}... */
  record Message(JsonNode json) implements Event {}

  /** The socket closed or failed; nothing follows. */
  record Closed(String why) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();

  @Override
  public void onOpen(WebSocket socket) {
    socket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      try {
        events.add(new Message(ServerClient.JSON.readTree(text)));
      } catch (IOException e) {
        events.add(new Closed("the server sent a message that is not JSON: " + text));
      }
    }
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
    events.add(new Closed("the server closed the stream [status=" + statusCode + "]"));
    return null;
  }

  @Override
  public void onError(WebSocket socket, Throwable error) {
    events.add(new Closed("the stream failed [cause=" + error + "]"));
  }

  /** The next event, or {@code null} after {@code millis} without one. */
  Event poll(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }
}
