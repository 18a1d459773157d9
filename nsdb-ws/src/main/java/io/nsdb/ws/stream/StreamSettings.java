package io.nsdb.ws.stream;

import io.nsdb.core.stream.Publisher;
import java.time.Duration;
import java.util.Objects;

/**
 * How continuous-query streams run ({@code nsdb.websocket.*} in {@code conf/nsdb.conf}, which
 * documents each key).
 *
 * @param refreshPeriod the default and the floor of a client's {@code refresh_period}
 * @param retentionSize the default of a client's {@code retention_size}
 * @param maxRetentionSize the largest {@code retention_size} a client may ask for
 * @param maxSubscriptionsPerSocket subscriptions one connection may hold; one more closes it
 * @param maxConnections {@code /ws-stream} and {@code /stream} connections open at once
 * @param maxMessageBytes the largest message a client may send; a larger one closes the socket
 * @param historyChunkRecords records per history message; a larger history comes in several
 * @param outboxMessages messages other than frames (errors, replies) queued for a client that does
 *     not read before its connection is closed
 * @param pingInterval how often a quiet connection is pinged (WebSocket ping; a line on /stream)
 * @param idleTimeout how long a WebSocket without subscriptions may stay silent before it is closed
 * @param publisher the publisher's tick, unacknowledged frames and resume window
 * @param maxPublisherBacklog inserted bits that may wait for the publisher before writers are held
 */
public record StreamSettings(
    Duration refreshPeriod,
    int retentionSize,
    int maxRetentionSize,
    int maxSubscriptionsPerSocket,
    int maxConnections,
    int maxMessageBytes,
    int historyChunkRecords,
    int outboxMessages,
    Duration pingInterval,
    Duration idleTimeout,
    Publisher.Settings publisher,
    long maxPublisherBacklog) {

  public StreamSettings {
    Objects.requireNonNull(refreshPeriod, "refreshPeriod");
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(publisher, "publisher");
    if (refreshPeriod.toMillis() < 1
        || retentionSize < 1
        || maxRetentionSize < retentionSize
        || maxSubscriptionsPerSocket < 1
        || maxConnections < 1
        || maxMessageBytes < 1
        || historyChunkRecords < 1
        || outboxMessages < 1
        || pingInterval.toMillis() < 1
        || idleTimeout.toMillis() < 1
        || maxPublisherBacklog < 1) {
      throw new IllegalArgumentException(
          "stream settings must be positive, and max-retention-size at least retention-size"
              + " [refreshPeriod="
              + refreshPeriod
              + ", retentionSize="
              + retentionSize
              + ", maxRetentionSize="
              + maxRetentionSize
              + ", maxSubscriptionsPerSocket="
              + maxSubscriptionsPerSocket
              + ", maxConnections="
              + maxConnections
              + ", maxMessageBytes="
              + maxMessageBytes
              + ", historyChunkRecords="
              + historyChunkRecords
              + ", outboxMessages="
              + outboxMessages
              + ", pingInterval="
              + pingInterval
              + ", idleTimeout="
              + idleTimeout
              + ", maxPublisherBacklog="
              + maxPublisherBacklog
              + "]");
    }
  }

  /** The defaults of {@code conf/nsdb.conf}. */
  public static StreamSettings defaults() {
    return new StreamSettings(
        Duration.ofMillis(100),
        1000,
        100_000,
        100,
        10_000,
        64 * 1024,
        1000,
        1000,
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        new Publisher.Settings(Duration.ofMillis(10), 16, 100, 100_000, Duration.ofSeconds(60)),
        200_000);
  }
}
