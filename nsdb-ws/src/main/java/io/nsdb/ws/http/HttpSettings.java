package io.nsdb.ws.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the HTTP server runs ({@code nsdb.http.*} and {@code nsdb.websocket.*} in {@code
 * conf/nsdb.conf}, which documents each).
 *
 * @param advertisedHost the host name clients are told to use (the API root's stream URLs)
 * @param workerThreads threads running storage and query work
 * @param maxQueuedRequests requests waiting for a worker before new ones get 503
 */
public record HttpSettings(
    String bindAddress,
    int port,
    String advertisedHost,
    int advertisedPort,
    Duration requestTimeout,
    long maxBodyBytes,
    List<String> corsAllowedOrigins,
    int workerThreads,
    int maxQueuedRequests,
    String version) {

  public HttpSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(advertisedHost, "advertisedHost");
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    if (port < 0 || port > 65535 || advertisedPort < 0 || advertisedPort > 65535) {
      throw new IllegalArgumentException(
          "a port is between 0 and 65535 [port="
              + port
              + ", advertisedPort="
              + advertisedPort
              + "]");
    }
    if (maxBodyBytes < 1 || workerThreads < 1 || maxQueuedRequests < 1) {
      throw new IllegalArgumentException(
          "body size, worker threads and queue must be positive [maxBodyBytes="
              + maxBodyBytes
              + ", workerThreads="
              + workerThreads
              + ", maxQueuedRequests="
              + maxQueuedRequests
              + "]");
    }
  }
}
