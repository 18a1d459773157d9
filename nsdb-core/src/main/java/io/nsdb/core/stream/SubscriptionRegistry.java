package io.nsdb.core.stream;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.LiveQuery;
import io.nsdb.core.query.ResultRow;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.tree.Select;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every live subscription and who receives it: the state the publisher actor holds, as a plain
 * class so that it is tested without one. Not thread-safe: one owner.
 *
 * <p>A subscription is a subscriber plus a quid. Identical queries (same db, namespace and SQL as
 * {@link SqlFormatter#format} writes it) share one quid: compiled once, registered once in the
 * metric's {@link QueryIndex}, evaluated once per bit by one {@link LiveQuery} (so a GROUP BY's
 * state exists once), and every subscriber of it gets the same records, each through its own {@link
 * SubscriptionOutbox} (its own refresh period and retention). When a quid's last subscriber leaves,
 * its index entry goes, and an empty index goes with it.
 *
 * <p>While a metric has subscriptions, and for the replay window after its last one left, its
 * inserts are also kept in a {@link ReplayLog}, from which a plain subscription resumes.
 *
 * @param <S> a subscriber (an actor reference in the publisher, anything with equals in tests)
 */
final class SubscriptionRegistry<S> {

  /** Where frames and stuck subscriptions go; called from {@link #flush}. */
  interface Sink<S> {
    void frame(
        S subscriber,
        String quid,
        MetricKey metric,
        SubscriptionOutbox.Flush<ResultRow> frame,
        long lateIgnored);

    /** The subscription was removed: its consumer took no frame for too long. */
    void stuck(S subscriber, String quid, MetricKey metric, long droppedTotal);
  }

  /**
   * What a subscriber is told on subscribing: its quid, the history to send first (empty when
   * resumed), the LSN the history (or the resume) reaches, whether the stream resumed, and how many
   * records the resume replayed into its first frames.
   */
  record Registration(
      String quid, List<ResultRow> history, long lsn, boolean resumed, int replayed) {
    Registration {
      history = List.copyOf(history);
    }
  }

  /**
   * A subscription ended because its query can no longer be answered (a GROUP BY past the result
   * limit, a BIGINT sum past 64 bits): the error a one-off query would get.
   */
  record Failure<S>(S subscriber, String quid, MetricKey metric, NsdbException error) {}

  /** How long and how much of a metric's inserts are kept for resuming. */
  record ReplayWindow(int capacity, long maxAgeMillis) {}

  private record QueryKey(String db, String namespace, String sql) {}

  /** One shared query, its evaluation and its subscribers' outboxes, in subscription order. */
  private static final class Quid<S> {
    final String id;
    final QueryKey key;
    final MetricKey metric;
    final CompiledQuery query;
    final LiveQuery live;
    final Map<S, SubscriptionOutbox<ResultRow>> outboxes = new LinkedHashMap<>();

    Quid(String id, QueryKey key, MetricKey metric, CompiledQuery query, LiveQuery live) {
      this.id = id;
      this.key = key;
      this.metric = metric;
      this.query = query;
      this.live = live;
    }

    /** Hands a record the live query made to one outbox, keyed or not. */
    static void deliver(
        SubscriptionOutbox<ResultRow> outbox, Object key, ResultRow record, long lsn) {
      if (key == null) {
        outbox.add(record, lsn);
      } else {
        outbox.put(key, record, lsn);
      }
    }
  }

  /**
   * What the registry keeps of a metric while it has subscriptions, and for the replay window after
   * the last one left: its replay log, how far it has been matched (the LSN of its latest write
   * seen), and when its last subscription left (-1 while it has some).
   */
  private static final class Feed {
    final ReplayLog log;
    long position;
    long idleSinceMillis = -1;

    Feed(ReplayLog log, long position) {
      this.log = log;
      this.position = position;
    }
  }

  private final int outboxCapacity;
  private final int stuckAfter;
  private final ReplayWindow replayWindow;
  private final Supplier<String> quidSource;
  private final Map<QueryKey, Quid<S>> byQuery = new HashMap<>();
  private final Map<String, Quid<S>> byId = new LinkedHashMap<>(); // flush order: oldest first
  private final Map<MetricKey, QueryIndex<String>> indexes = new HashMap<>();
  private final Map<MetricKey, Feed> feeds = new HashMap<>();
  private final Map<S, Set<String>> bySubscriber = new LinkedHashMap<>();
  // The quids with records or drops not yet sent to some subscriber: what a flush must look at.
  // Every quid is looked at once per sweep besides (progress frames, closed buckets, replay logs).
  private final Set<Quid<S>> unsent = new LinkedHashSet<>();
  private final long sweepMillis;
  // Half the replay window: a client that took its frames can always resume.
  private final long progressMillis;
  private long nextSweepAt = Long.MIN_VALUE;

  /**
   * @param outboxCapacity the most frames a subscriber may leave unacknowledged per subscription
   * @param stuckAfter after how many consecutive overflows a subscription is removed
   * @param replayWindow how much of a subscribed metric's inserts is kept for resuming
   * @param quidSource new quids, each distinct from every earlier one
   */
  SubscriptionRegistry(
      int outboxCapacity, int stuckAfter, ReplayWindow replayWindow, Supplier<String> quidSource) {
    this.outboxCapacity = outboxCapacity;
    this.stuckAfter = stuckAfter;
    this.replayWindow = replayWindow;
    this.quidSource = quidSource;
    this.progressMillis = Math.max(1, replayWindow.maxAgeMillis() / 2);
    this.sweepMillis = Math.min(1000, progressMillis);
  }

  /**
   * Subscribes {@code subscriber} to {@code select} over {@code metric} and tells it where it
   * starts. {@code live} is the query's evaluation made at {@code lsn}, the metric's hand-over
   * point: its history holds exactly the metric's writes up to {@code lsn}, and the registry has
   * seen exactly those. A quid that exists already keeps its own evaluation (it is at the same
   * point); {@code live} then only gives this subscriber its history.
   *
   * <p>With {@code resumeAfter}, a subscriber that took every frame up to that LSN before its
   * connection dropped gets, instead of the history, the records of the writes after it, replayed
   * from the metric's {@link ReplayLog}. Only plain queries resume this way; the others (DISTINCT,
   * aggregations) get the history, which is their state, with {@code resumed} false.
   *
   * <p>A subscriber already subscribed to the same query gets the same quid and keeps its outbox
   * (and its first refresh period and retention).
   *
   * @throws NsdbException when the query does not bind to {@code schema} (unknown column, type
   *     mismatch), names another metric, or asks to resume from a point the log does not cover
   *     ({@link ErrorCode#RESUME_UNAVAILABLE}); nothing changes then
   */
  Registration subscribe(
      S subscriber,
      MetricKey metric,
      Select select,
      Schema schema,
      LiveQuery live,
      long lsn,
      OptionalLong resumeAfter,
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
    // Made first, so that bad settings leave no trace.
    SubscriptionOutbox<ResultRow> outbox =
        new SubscriptionOutbox<>(
            retentionSize, refreshPeriodMillis, outboxCapacity, stuckAfter, progressMillis);
    QueryKey key = new QueryKey(metric.db(), metric.namespace(), SqlFormatter.format(select));
    Quid<S> quid = byQuery.get(key);
    CompiledQuery query = quid == null ? CompiledQuery.compile(select, schema) : quid.query;
    boolean resume = resumeAfter.isPresent() && live.replayable();
    if (resume) {
      checkResumable(metric, resumeAfter.getAsLong(), lsn);
    }
    if (quid == null) {
      quid = new Quid<>(quidSource.get(), key, metric, query, live);
      indexes.computeIfAbsent(metric, m -> new QueryIndex<>()).register(quid.id, query);
      byQuery.put(key, quid);
      byId.put(quid.id, quid);
    }
    Feed feed =
        feeds.computeIfAbsent(
            metric,
            m ->
                new Feed(
                    new ReplayLog(lsn, replayWindow.capacity(), replayWindow.maxAgeMillis()), lsn));
    feed.idleSinceMillis = -1;
    feed.position = Math.max(feed.position, lsn);
    outbox.advance(lsn);
    SubscriptionOutbox<ResultRow> existing = quid.outboxes.putIfAbsent(subscriber, outbox);
    bySubscriber.computeIfAbsent(subscriber, s -> new LinkedHashSet<>()).add(quid.id);
    List<ResultRow> history = live.history();
    live.releaseHistory(); // sent once: the quid's evaluation goes on without it
    if (!resume) {
      return new Registration(quid.id, history, lsn, false, 0);
    }
    int replayed = existing == null ? replay(quid, feed.log, resumeAfter.getAsLong(), outbox) : 0;
    if (replayed > 0) {
      unsent.add(quid);
    }
    return new Registration(quid.id, List.of(), lsn, true, replayed);
  }

  private void checkResumable(MetricKey metric, long after, long lsn) {
    Feed feed = feeds.get(metric);
    if (after > lsn) {
      throw new NsdbException(
          ErrorCode.RESUME_UNAVAILABLE,
          "cannot resume from a point the metric has not reached [metric="
              + metric
              + ", resumeAfter="
              + after
              + ", lastLsn="
              + lsn
              + "]");
    }
    if (after == lsn) {
      return; // nothing was missed: nothing to replay, whatever the log holds
    }
    if (feed == null || !feed.log.covers(after)) {
      throw new NsdbException(
          ErrorCode.RESUME_UNAVAILABLE,
          "cannot resume: the writes after this point are no longer kept, subscribe afresh"
              + " [metric="
              + metric
              + ", resumeAfter="
              + after
              + ", keptAfter="
              + (feed == null ? "none" : Long.toString(feed.log.horizon()))
              + "]");
    }
  }

  /** Feeds the kept writes after {@code after} that match the quid's query into one outbox. */
  private static int replay(
      Quid<?> quid, ReplayLog log, long after, SubscriptionOutbox<ResultRow> outbox) {
    int[] replayed = {0};
    for (ReplayLog.Entry entry : log.entries()) {
      if (entry.lsn() > after && quid.query.matches(entry.bit(), entry.publishedAtMillis())) {
        quid.live.accept(
            entry.bit(),
            entry.publishedAtMillis(),
            (key, record) -> {
              Quid.deliver(outbox, key, record, entry.lsn());
              replayed[0]++;
            });
      }
    }
    return replayed[0];
  }

  /** Ends one subscription; false when there was none. */
  boolean unsubscribe(S subscriber, String quid, long nowMillis) {
    Set<String> quids = bySubscriber.get(subscriber);
    if (quids == null || !quids.remove(quid)) {
      return false;
    }
    if (quids.isEmpty()) {
      bySubscriber.remove(subscriber);
    }
    leave(byId.get(quid), subscriber, nowMillis);
    return true;
  }

  /** Ends every subscription of {@code subscriber}; returns how many there were. */
  int removeSubscriber(S subscriber, long nowMillis) {
    Set<String> quids = bySubscriber.remove(subscriber);
    if (quids == null) {
      return 0;
    }
    for (String quid : quids) {
      leave(byId.get(quid), subscriber, nowMillis);
    }
    return quids.size();
  }

  private void leave(Quid<S> quid, S subscriber, long nowMillis) {
    quid.outboxes.remove(subscriber);
    if (!quid.outboxes.isEmpty()) {
      return;
    }
    byQuery.remove(quid.key);
    byId.remove(quid.id);
    unsent.remove(quid);
    QueryIndex<String> index = indexes.get(quid.metric);
    index.unregister(quid.id);
    if (index.size() == 0) {
      indexes.remove(quid.metric);
      // Kept for the replay window, so that the client that just left can resume.
      feeds.get(quid.metric).idleSinceMillis = nowMillis;
    }
  }

  /** Whether {@code subscriber} has any subscription. */
  boolean isSubscribed(S subscriber) {
    return bySubscriber.containsKey(subscriber);
  }

  /**
   * Matches each bit of an insert into {@code metric} (the i-th with LSN {@code firstLsn + i})
   * against the metric's queries, evaluates each matched quid's query once, and gathers its records
   * in the outbox of every subscriber of the quid. A quid whose query fails on a bit is removed
   * with all its subscriptions, and they are returned, so that each subscriber is told.
   */
  List<Failure<S>> published(MetricKey metric, List<Bit> bits, long firstLsn, long nowMillis) {
    Feed feed = feeds.get(metric);
    if (feed == null) {
      return List.of(); // no subscription now nor within the replay window
    }
    for (int i = 0; i < bits.size(); i++) {
      feed.log.append(bits.get(i), firstLsn + i, nowMillis);
    }
    feed.position = Math.max(feed.position, firstLsn + bits.size() - 1);
    QueryIndex<String> index = indexes.get(metric);
    if (index == null) {
      return List.of();
    }
    Map<String, NsdbException> failed = new LinkedHashMap<>();
    for (int i = 0; i < bits.size(); i++) {
      Bit bit = bits.get(i);
      long lsn = firstLsn + i;
      index.match(
          bit,
          nowMillis,
          id -> {
            if (failed.containsKey(id)) {
              return;
            }
            Quid<S> quid = byId.get(id);
            try {
              quid.live.accept(
                  bit,
                  nowMillis,
                  (key, record) -> {
                    for (SubscriptionOutbox<ResultRow> outbox : quid.outboxes.values()) {
                      Quid.deliver(outbox, key, record, lsn);
                    }
                    unsent.add(quid);
                  });
            } catch (NsdbException e) {
              failed.put(id, e);
            }
          });
    }
    return end(failed, nowMillis);
  }

  /** Removes each quid with all its subscriptions; returns them, to be told why. */
  private List<Failure<S>> end(Map<String, NsdbException> quids, long nowMillis) {
    List<Failure<S>> failures = new ArrayList<>();
    quids.forEach(
        (id, error) -> {
          Quid<S> quid = byId.get(id);
          for (S subscriber : List.copyOf(quid.outboxes.keySet())) {
            unsubscribe(subscriber, id, nowMillis);
            failures.add(new Failure<>(subscriber, id, quid.metric, error));
          }
        });
    return failures;
  }

  /**
   * The metric changed under its subscriptions: when {@code dropped}, every subscription of it ends
   * (the metric may come back with another schema) and its replay log goes; after a delete, the
   * subscriptions whose state counted points (aggregations, DISTINCT) end, since their state may
   * count deleted points; plain ones go on. Returns the ended ones, to be told why.
   */
  List<Failure<S>> invalidate(MetricKey metric, long lsn, boolean dropped, long nowMillis) {
    Map<String, NsdbException> ended = new LinkedHashMap<>();
    for (Quid<S> quid : byId.values()) {
      if (quid.metric.equals(metric) && (dropped || !quid.live.replayable())) {
        ended.put(
            quid.id,
            new NsdbException(
                ErrorCode.STREAM_INVALIDATED,
                (dropped
                        ? "the metric was dropped"
                        : "points this query had counted were deleted, subscribe again")
                    + " [metric="
                    + metric
                    + ", lsn="
                    + lsn
                    + "]"));
      }
    }
    List<Failure<S>> failures = end(ended, nowMillis);
    Feed feed = feeds.get(metric);
    if (dropped) {
      feeds.remove(metric);
    } else if (feed != null) {
      feed.position = Math.max(feed.position, lsn);
    }
    return failures;
  }

  /**
   * Hands every frame due at {@code nowMillis} to {@code sink}, then removes the subscriptions
   * whose outbox got stuck and reports them. Visits every subscription; lets go of state that can
   * no longer change (closed buckets, replay logs past their window).
   */
  void flush(long nowMillis, Sink<S> sink) {
    boolean sweep = nowMillis >= nextSweepAt;
    if (sweep) {
      nextSweepAt = nowMillis + sweepMillis;
    }
    // Only the quids with something to send, so that a tick costs the active subscriptions, not
    // all of them; a sweep looks at every one.
    List<Quid<S>> visited = List.copyOf(sweep ? byId.values() : unsent);
    List<Map.Entry<S, Quid<S>>> stuck = new ArrayList<>();
    for (Quid<S> quid : visited) {
      if (sweep) {
        quid.live.expire(nowMillis);
      }
      long position = feeds.get(quid.metric).position;
      boolean stillUnsent = false;
      for (Map.Entry<S, SubscriptionOutbox<ResultRow>> entry : quid.outboxes.entrySet()) {
        SubscriptionOutbox<ResultRow> outbox = entry.getValue();
        outbox.advance(position);
        SubscriptionOutbox.Flush<ResultRow> frame = outbox.poll(nowMillis);
        if (frame != null) {
          sink.frame(entry.getKey(), quid.id, quid.metric, frame, quid.live.lateIgnored());
        } else if (outbox.stuck()) {
          stuck.add(Map.entry(entry.getKey(), quid));
        }
        stillUnsent |= outbox.hasUnsent();
      }
      if (stillUnsent) {
        unsent.add(quid);
      } else {
        unsent.remove(quid);
      }
    }
    for (Map.Entry<S, Quid<S>> entry : stuck) {
      long dropped = entry.getValue().outboxes.get(entry.getKey()).droppedTotal();
      unsubscribe(entry.getKey(), entry.getValue().id, nowMillis);
      sink.stuck(entry.getKey(), entry.getValue().id, entry.getValue().metric, dropped);
    }
    if (sweep) {
      feeds
          .values()
          .removeIf(
              feed -> {
                feed.log.expire(nowMillis);
                return feed.idleSinceMillis >= 0
                    && nowMillis - feed.idleSinceMillis > replayWindow.maxAgeMillis();
              });
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
    SubscriptionOutbox<ResultRow> outbox = entry == null ? null : entry.outboxes.get(subscriber);
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

  /** Bits kept for resuming, over every metric. */
  long replayBits() {
    long bits = 0;
    for (Feed feed : feeds.values()) {
      bits += feed.log.size();
    }
    return bits;
  }
}
