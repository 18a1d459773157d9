package io.nsdb.ws.stream;

/**
 * Why the server ends a stream connection, each with its stable number in the WebSocket application
 * range (4000-4999) and its name. The server sends {@code {"type": "close", "code": 4xxx, "name":
 * "...", "reason": "..."}} as the connection's last message and then closes it: Pekko HTTP, which
 * serves the WebSocket, has no API to put an application code in the close frame itself
 * (akka/akka-http#2458), so the frame's status is 1000 and this message is where the code is.
 * {@code docs/streaming.md} lists them for clients.
 */
public enum CloseCode {
  /** A binary message: the protocol is JSON text. */
  UNSUPPORTED_DATA(4000),
  /** Reserved: a client that failed authentication (the server has no authentication yet). */
  AUTHENTICATION_FAILED(4001),
  /** A message over {@code nsdb.websocket.max-message-size}. */
  MESSAGE_TOO_BIG(4002),
  /** A subscribe over {@code nsdb.websocket.max-subscriptions-per-socket}. */
  TOO_MANY_SUBSCRIPTIONS(4003),
  /** The client stopped reading: a subscription's frames went unacknowledged too long. */
  SLOW_CONSUMER(4004),
  /** No subscription and no message for {@code nsdb.websocket.idle-timeout}. */
  IDLE_TIMEOUT(4005);

  private final int code;

  CloseCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
