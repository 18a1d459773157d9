package io.nsdb.core.stream;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.tree.Select;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every live subscription and who receives it: the state the publisher actor holds, as a plain
 * class so that it is tested without one. Not thread-safe: one owner.
 *
 * <p>A subscription is a subscriber plus a quid. Identical queries (same db, namespace and SQL as
 * {@link SqlFormatter#format} writes it) share one quid: compiled once, registered once in the
 * metric's {@link QueryIndex}, matched once per bit, and every subscriber of it gets the same
 * records, each through its own {@link SubscriptionOutbox} (its own refresh period and retention).
 * When a quid's last subscriber leaves, its index entry goes, and an empty index goes with it.
 *
 * @param <S> a subscriber (an actor reference in the publisher, anything with equals in tests)
 */
final class SubscriptionRegistry<S> {

  /** Where frames and stuck subscriptions go; called from {@link #flush}. */
  interface Sink<S> {
    void frame(S subscriber, String quid, MetricKey metric, SubscriptionOutbox.Flush<Bit> frame);

    /** The subscription was removed: its consumer took no frame for too long. */
    void stuck(S subscriber, String quid, MetricKey metric, long droppedTotal);
  }

  private record QueryKey(String db, String namespace, String sql) {}

  /** One shared query and its subscribers' outboxes, in subscription order. */
  private static final class Quid<S> {
    final String id;
    final QueryKey key;
    final MetricKey metric;
    final Map<S, SubscriptionOutbox<Bit>> outboxes = new LinkedHashMap<>();

    Quid(String id, QueryKey key, MetricKey metric) {
      this.id = id;
      this.key = key;
      this.metric = metric;
    }
  }

  private final int outboxCapacity;
  private final int stuckAfter;
  private final Supplier<String> quidSource;
  private final Map<QueryKey, Quid<S>> byQuery = new HashMap<>();
  private final Map<String, Quid<S>> byId = new LinkedHashMap<>(); // flush order: oldest first
  private final Map<MetricKey, QueryIndex<String>> indexes = new HashMap<>();
  private final Map<S, Set<String>> bySubscriber = new LinkedHashMap<>();

  /**
   * @param outboxCapacity the most frames a subscriber may leave unacknowledged per subscription
   * @param stuckAfter after how many consecutive overflows a subscription is removed
   * @param quidSource new quids, each distinct from every earlier one
   */
  SubscriptionRegistry(int outboxCapacity, int stuckAfter, Supplier<String> quidSource) {
    this.outboxCapacity = outboxCapacity;
    this.stuckAfter = stuckAfter;
    this.quidSource = quidSource;
  }

  /**
   * Subscribes {@code subscriber} to {@code select} over {@code metric} and returns the quid. A
   * subscriber already subscribed to the same query gets the same quid and keeps its outbox (and
   * its first refresh period and retention).
   *
   * @throws NsdbException when the query does not bind to {@code schema} (unknown column, type
   *     mismatch) or names another metric; nothing changes then
   */
  String subscribe(
      S subscriber,
      MetricKey metric,
      Select select,
      Schema schema,
      long refreshPeriodMillis,
      int retentionSize) {
    if (!select.metric().value().equals(metric.metric())) {
      throw new NsdbException(
          ErrorCode.UNKNOWN_METRIC,
          "the query reads another metric than the one subscribed [metric="
              + metric
              + ", queryMetric="
              + select.metric().value()
              + "]");
    }
    // Checked first, so a bad request leaves no trace.
    SubscriptionOutbox<Bit> outbox =
        new SubscriptionOutbox<>(retentionSize, refreshPeriodMillis, outboxCapacity, stuckAfter);
    QueryKey key = new QueryKey(metric.db(), metric.namespace(), SqlFormatter.format(select));
    Quid<S> quid = byQuery.get(key);
    if (quid == null) {
      CompiledQuery query = CompiledQuery.compile(select, schema);
      quid = new Quid<>(quidSource.get(), key, metric);
      indexes.computeIfAbsent(metric, m -> new QueryIndex<>()).register(quid.id, query);
      byQuery.put(key, quid);
      byId.put(quid.id, quid);
    }
    quid.outboxes.putIfAbsent(subscriber, outbox);
    bySubscriber.computeIfAbsent(subscriber, s -> new LinkedHashSet<>()).add(quid.id);
    return quid.id;
  }

  /** Ends one subscription; false when there was none. */
  boolean unsubscribe(S subscriber, String quid) {
    Set<String> quids = bySubscriber.get(subscriber);
    if (quids == null || !quids.remove(quid)) {
      return false;
    }
    if (quids.isEmpty()) {
      bySubscriber.remove(subscriber);
    }
    leave(byId.get(quid), subscriber);
    return true;
  }

  /** Ends every subscription of {@code subscriber}; returns how many there were. */
  int removeSubscriber(S subscriber) {
    Set<String> quids = bySubscriber.remove(subscriber);
    if (quids == null) {
      return 0;
    }
    for (String quid : quids) {
      leave(byId.get(quid), subscriber);
    }
    return quids.size();
  }

  private void leave(Quid<S> quid, S subscriber) {
    quid.outboxes.remove(subscriber);
    if (!quid.outboxes.isEmpty()) {
      return;
    }
    byQuery.remove(quid.key);
    byId.remove(quid.id);
    QueryIndex<String> index = indexes.get(quid.metric);
    index.unregister(quid.id);
    if (index.size() == 0) {
      indexes.remove(quid.metric);
    }
  }

  /** Whether {@code subscriber} has any subscription. */
  boolean isSubscribed(S subscriber) {
    return bySubscriber.containsKey(subscriber);
  }

  /**
   * Matches each bit of an insert into {@code metric} against the metric's queries and gathers it
   * in the outbox of every subscriber of every quid it matches.
   */
  void published(MetricKey metric, List<Bit> bits, long nowMillis) {
    QueryIndex<String> index = indexes.get(metric);
    if (index == null) {
      return;
    }
    for (Bit bit : bits) {
      index.match(
          bit,
          nowMillis,
          id -> {
            for (SubscriptionOutbox<Bit> outbox : byId.get(id).outboxes.values()) {
              outbox.add(bit);
            }
          });
    }
  }

  /**
   * Hands every frame due at {@code nowMillis} to {@code sink}, then removes the subscriptions
   * whose outbox got stuck and reports them. Visits every subscription.
   */
  void flush(long nowMillis, Sink<S> sink) {
    List<Map.Entry<S, Quid<S>>> stuck = new ArrayList<>();
    for (Quid<S> quid : byId.values()) {
      for (Map.Entry<S, SubscriptionOutbox<Bit>> entry : quid.outboxes.entrySet()) {
        SubscriptionOutbox<Bit> outbox = entry.getValue();
        SubscriptionOutbox.Flush<Bit> frame = outbox.poll(nowMillis);
        if (frame != null) {
          sink.frame(entry.getKey(), quid.id, quid.metric, frame);
        } else if (outbox.stuck()) {
          stuck.add(Map.entry(entry.getKey(), quid));
        }
      }
    }
    for (Map.Entry<S, Quid<S>> entry : stuck) {
      long dropped = entry.getValue().outboxes.get(entry.getKey()).droppedTotal();
      unsubscribe(entry.getKey(), entry.getValue().id);
      sink.stuck(entry.getKey(), entry.getValue().id, entry.getValue().metric, dropped);
    }
  }

  /**
   * The subscriber took every frame of {@code quid} up to {@code sequence}; false when it has no
   * such subscription (it may have just ended).
   *
   * @throws IllegalArgumentException for a sequence never sent
   */
  boolean acknowledge(S subscriber, String quid, long sequence) {
    Quid<S> entry = byId.get(quid);
    SubscriptionOutbox<Bit> outbox = entry == null ? null : entry.outboxes.get(subscriber);
    if (outbox == null) {
      return false;
    }
    outbox.acknowledge(sequence);
    return true;
  }

  /** Subscribers with at least one subscription. */
  int subscriberCount() {
    return bySubscriber.size();
  }

  /** (subscriber, quid) pairs, i.e. outboxes. */
  int subscriptionCount() {
    int count = 0;
    for (Set<String> quids : bySubscriber.values()) {
      count += quids.size();
    }
    return count;
  }

  int quidCount() {
    return byId.size();
  }

  /** Per metric with at least one query, how many queries its index holds. */
  Map<MetricKey, Integer> indexSizes() {
    Map<MetricKey, Integer> sizes = new HashMap<>();
    indexes.forEach((metric, index) -> sizes.put(metric, index.size()));
    return sizes;
  }
}
