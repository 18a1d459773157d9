package io.nsdb.ws.stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's {@link HttpClient}) on {@code /ws-stream}: every message it
 * receives is queued with its arrival time, pings are counted, the close is recorded. {@link
 * #stopReading()} stops asking for messages, so the socket's buffers fill and the server sees a
 * client that does not read.
 */
final class StreamClient implements AutoCloseable {

  /** A received message and when it arrived. */
  record Received(JsonNode json, long arrivedNanos) {}

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final WebSocket socket;
  private final LinkedBlockingQueue<Received> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicBoolean reading = new AtomicBoolean(true);

  private StreamClient(URI uri) {
    StringBuilder partial = new StringBuilder();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              messages.add(new Received(TestServer.read(partial.toString()), System.nanoTime()));
              partial.setLength(0);
            }
            if (reading.get()) {
              webSocket.request(1);
            }
            return null;
          }

          @Override
          public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            if (reading.get()) {
              webSocket.request(1);
            }
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
          }
        };
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, listener)
            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  /** Opens {@code /ws-stream} with the given query parameters (may be empty). */
  static StreamClient open(TestServer server, String parameters) {
    String query = parameters.isEmpty() ? "" : "?" + parameters;
    return new StreamClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws-stream" + query));
  }

  void send(String text) {
    socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** One text message sent as several WebSocket frames, one per part. */
  void sendFragments(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      socket
          .sendText(parts[i], i == parts.length - 1)
          .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
          .join();
    }
  }

  void send(Object message) {
    send(TestServer.write(message));
  }

  void sendBinary(byte[] bytes) {
    socket
        .sendBinary(ByteBuffer.wrap(bytes), true)
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
        .join();
  }

  /** The next message, waiting up to 20 s. */
  Received next() {
    try {
      Received received = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(received, "no message within " + WAIT);
      return received;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message's JSON. */
  JsonNode nextJson() {
    return next().json();
  }

  /** Skips messages until one of {@code type} (failing after 20 s), returning it. */
  Received until(String type) {
    return until(json -> type.equals(json.path("type").asText()));
  }

  Received until(Predicate<JsonNode> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Received received = next();
      if (wanted.test(received.json())) {
        return received;
      }
    }
    throw new AssertionError("no matching message within " + WAIT);
  }

  /** Every message up to and including the first that {@code last} accepts. */
  List<JsonNode> collectUntil(Predicate<JsonNode> last) {
    List<JsonNode> collected = new ArrayList<>();
    while (true) {
      JsonNode json = next().json();
      collected.add(json);
      if (last.test(json)) {
        return collected;
      }
    }
  }

  /** Messages received and not yet taken. */
  List<JsonNode> drain() {
    List<Received> taken = new ArrayList<>();
    messages.drainTo(taken);
    return taken.stream().map(Received::json).toList();
  }

  void stopReading() {
    reading.set(false);
  }

  /** Asks for messages again after {@link #stopReading()}. */
  void resumeReading() {
    reading.set(true);
    socket.request(1);
  }

  int pings() {
    return pings.get();
  }

  /** The WebSocket close status the server sent, waiting up to 20 s. */
  int awaitClosed() {
    return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  boolean isClosed() {
    return closed.isDone();
  }

  /**
   * Waits up to 20 s for the connection to end, by a close frame or an error (an aborted
   * connection), and tells which: the close status, or -1 for an error.
   */
  int awaitEnded() {
    try {
      return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw new AssertionError("the connection did not end within " + WAIT, e);
      }
      return -1;
    }
  }

  /** Drops the TCP connection without a close handshake, as a crashed client would. */
  void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
