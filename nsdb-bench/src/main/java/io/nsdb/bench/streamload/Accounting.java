package io.nsdb.bench.streamload;

import java.util.List;
import java.util.Map;

/**
 * Where every inserted point went, per subscription (one host each): received in a frame, or
 * counted in a frame's {@code dropped}; what is neither is <em>unaccounted</em> (an unreported
 * drop). A subscription that reports more drops than the points it did not receive is
 * <em>over-reported</em>. {@code anomalies} are protocol surprises ({@link StreamSocket.Anomaly});
 * each should be 0.
 */
record Accounting(
    long inserted,
    long received,
    long dropped,
    long unaccounted,
    long overReported,
    long subscriptionsClosed,
    Map<String, Long> anomalies,
    String firstError) {

  /** True when every point was received once or reported dropped, and nothing else went wrong. */
  boolean clean() {
    return unaccounted == 0
        && overReported == 0
        && anomalies.values().stream().allMatch(count -> count == 0);
  }

  /** Settles every socket (see {@link StreamSocket#settle}), then adds up their subscriptions. */
  static Accounting of(List<StreamSocket> sockets, StreamSocket.Shared shared) {
    long received = 0;
    long dropped = 0;
    long unaccounted = 0;
    long overReported = 0;
    long closed = 0;
    for (StreamSocket socket : sockets) {
      socket.settle();
      for (StreamSocket.Subscription subscription : socket.subscriptions()) {
        long points = shared.ledger.pointsOf(subscription.host);
        // A subscription the server ended reports its drops over its life in the closing message.
        long reported = Math.max(subscription.dropped, subscription.closedDroppedTotal);
        received += subscription.received;
        dropped += reported;
        long missing = points - subscription.received;
        unaccounted += Math.max(0, missing - reported);
        overReported += Math.max(0, reported - missing);
        closed += subscription.closedDroppedTotal >= 0 ? 1 : 0;
      }
    }
    return new Accounting(
        shared.ledger.points,
        received,
        dropped,
        unaccounted,
        overReported,
        closed,
        shared.anomalies(),
        shared.firstError.get());
  }
}
