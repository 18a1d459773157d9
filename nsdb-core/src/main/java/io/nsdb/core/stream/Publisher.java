package io.nsdb.core.stream;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.engine.WriteListener;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.LiveQuery;
import io.nsdb.core.query.ResultRow;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.Select;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The continuous-query publisher: holds the subscriptions, matches every inserted bit against them
 * and pushes throttled frames to subscribers. A thin actor over {@link SubscriptionRegistry}
 * (subscriptions, shared quids, indexes) and {@link SubscriptionOutbox} (throttling, retention,
 * slow consumers).
 *
 * <p><b>Protocol.</b> A subscriber is an {@code ActorRef<Event>} (the WebSocket layer's per-socket
 * actor). It {@link Subscribe}s, gets {@link Frame}s, {@link Acknowledge}s each frame once it has
 * taken it, and {@link Unsubscribe}s; when it stops, the publisher (which watches it) removes all
 * its subscriptions, as does a {@link SubscriberGone}. Inserts arrive as {@link Published}, from
 * {@link #writeListener}.
 *
 * <p><b>Frames.</b> Every {@link Settings#tick()} the publisher asks each outbox for its due frame,
 * so a frame goes out at most a tick after its refresh period ends; refresh periods shorter than a
 * tick are served once per tick.
 *
 * <p><b>Slow consumers.</b> A subscriber that leaves {@link Settings#outboxCapacity()} frames of a
 * subscription unacknowledged gets no more frames of it; records keep being gathered within its
 * retention, older ones counted as dropped. After {@link Settings#stuckAfter()} refresh periods in
 * that state the subscription is removed and the subscriber told {@link SlowConsumer}; the
 * WebSocket layer then closes the socket with its documented close code. The publisher never waits
 * for a subscriber: it holds at most {@code retentionSize} records per subscription, and at most
 * {@code outboxCapacity} frames per subscription are ever on their way to the subscriber.
 *
 * <p><b>One actor.</b> One publisher serves every metric. Matching a bit costs hash lookups and a
 * few compiled predicates, far below the insert path's commit-log and head work, and one actor
 * keeps quid sharing, subscriber cleanup and the per-metric LSN order trivially right. When it
 * becomes the bottleneck, partition by metric: the write listener routes on {@link MetricKey}, each
 * partition holds its metrics' indexes, and a subscriber talks to the partition of its metric.
 */
public final class Publisher extends AbstractBehavior<Publisher.Command> {

  /**
   * The publisher's tunables: how often it looks for due frames, how many frames a subscriber may
   * leave unacknowledged per subscription, after how many refresh periods in that state it is
   * removed, and how many inserts per subscribed metric (and for how long) are kept for resuming.
   */
  public record Settings(
      Duration tick, int outboxCapacity, int stuckAfter, int replayCapacity, Duration replayAge) {
    public Settings {
      Objects.requireNonNull(tick, "tick");
      Objects.requireNonNull(replayAge, "replayAge");
      if (tick.isNegative()
          || tick.isZero()
          || outboxCapacity < 1
          || stuckAfter < 1
          || replayCapacity < 1
          || replayAge.toMillis() < 1) {
        throw new IllegalArgumentException(
            "publisher settings must be positive [tick="
                + tick
                + ", outboxCapacity="
                + outboxCapacity
                + ", stuckAfter="
                + stuckAfter
                + ", replayCapacity="
                + replayCapacity
                + ", replayAge="
                + replayAge
                + "]");
      }
    }

    /**
     * A 10 ms tick, 16 unacknowledged frames per subscription, stuck after 10 periods, 100 000
     * inserts per metric kept for 60 s for resuming.
     */
    public static Settings defaults() {
      return new Settings(Duration.ofMillis(10), 16, 10, 100_000, Duration.ofSeconds(60));
    }
  }

  /** What the publisher is told. */
  public sealed interface Command
      permits Subscribe,
          Unsubscribe,
          SubscriberGone,
          Published,
          MetricChanged,
          Acknowledge,
          GetStats,
          Stop,
          Tick {}

  /**
   * Subscribes {@code subscriber} to {@code select} over {@code db.namespace.metric}, bound to the
   * metric's {@code schema}; replies {@link Subscribed} or {@link SubscribeFailed}.
   *
   * <p>{@code live} is the query's evaluation, made while the metric's writes were held ({@link
   * io.nsdb.core.engine.Storage#holdingWrites}) with {@code lsn} the metric's hand-over point, and
   * this message must be sent before the writes are released: then the publisher has seen exactly
   * the writes up to {@code lsn} when it handles it, and every later one reaches the subscription.
   * {@code resumeAfter}, when present, asks to resume from the LSN of the last frame taken before a
   * disconnect (see {@link SubscriptionRegistry#subscribe}).
   *
   * <p>The refresh period and retention size are the client's, already checked against the server's
   * floor; below 1 they are a caller's bug and the constructor throws {@link
   * IllegalArgumentException}. {@code requestId} comes back in the reply, so that a subscriber with
   * several subscribes in flight (answered in any order) tells the replies apart.
   */
  public record Subscribe(
      ActorRef<Event> subscriber,
      String db,
      String namespace,
      String metric,
      Select select,
      Schema schema,
      LiveQuery live,
      long lsn,
      OptionalLong resumeAfter,
      long refreshPeriodMillis,
      int retentionSize,
      long requestId,
      ActorRef<SubscribeReply> replyTo)
      implements Command {
    public Subscribe {
      if (refreshPeriodMillis < 1 || retentionSize < 1) {
        throw new IllegalArgumentException(
            "refresh period and retention size must be positive [refreshPeriodMillis="
                + refreshPeriodMillis
                + ", retentionSize="
                + retentionSize
                + "]");
      }
    }
  }

  /** The answer to {@link Subscribe}, with its {@code requestId}. */
  public sealed interface SubscribeReply permits Subscribed, SubscribeFailed {
    long requestId();
  }

  /**
   * Subscribed; identical queries share the quid. {@code history} (empty when {@code resumed}) is
   * the query's answer at {@code lsn}; frames carry what comes after. When resumed, {@code
   * replayed} records of the writes missed are in the first frames. Sent before any {@link Frame}
   * of the subscription.
   */
  public record Subscribed(
      long requestId,
      String quid,
      MetricKey metric,
      List<ResultRow> history,
      long lsn,
      boolean resumed,
      int replayed)
      implements SubscribeReply {
    public Subscribed {
      history = List.copyOf(history);
    }
  }

  /** Not subscribed: the query does not bind (unknown column, type mismatch, another metric). */
  public record SubscribeFailed(long requestId, ErrorCode code, String message)
      implements SubscribeReply {}

  /** Ends one subscription; replies {@link Unsubscribed} whether or not it existed. */
  public record Unsubscribe(ActorRef<Event> subscriber, String quid, ActorRef<Unsubscribed> replyTo)
      implements Command {}

  /** The answer to {@link Unsubscribe}. */
  public record Unsubscribed(String quid) {}

  /** Ends every subscription of {@code subscriber} (its socket closed). */
  public record SubscriberGone(ActorRef<Event> subscriber) implements Command {}

  /**
   * An insert was applied: {@code bits} (conformed) of {@code metric}, the i-th with LSN {@code
   * firstLsn + i}, matched as of {@code nowMillis}.
   */
  public record Published(MetricKey metric, List<Bit> bits, long firstLsn, long nowMillis)
      implements Command {}

  /**
   * Points of {@code metric} were deleted ({@code dropped} false) or the metric was dropped, by the
   * write with LSN {@code lsn}: the subscriptions whose state no longer holds end with {@link
   * SubscriptionFailed} ({@link ErrorCode#STREAM_INVALIDATED}).
   */
  public record MetricChanged(MetricKey metric, long lsn, boolean dropped) implements Command {}

  /** {@code subscriber} took every frame of {@code quid} up to {@code sequence}. */
  public record Acknowledge(ActorRef<Event> subscriber, String quid, long sequence)
      implements Command {}

  /** Asks for {@link Stats}. */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /**
   * Counts for metrics and tests: subscribers with a subscription, subscriptions (subscriber and
   * quid), distinct quids, queries per metric index (metrics without one left out), bits kept for
   * resuming, and the highest LSN published so far (0 before any). The backlog (bits handed on and
   * not yet matched) is {@link PublisherBacklog#size()}.
   */
  public record Stats(
      int subscribers,
      int subscriptions,
      int quids,
      Map<MetricKey, Integer> indexSizes,
      long replayBits,
      long lastPublishedLsn) {
    public Stats {
      indexSizes = Map.copyOf(indexSizes);
    }
  }

  /** Stops the publisher (its server is stopping); every subscription ends with it. */
  public enum Stop implements Command {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  /** What a subscriber receives. */
  public sealed interface Event permits Frame, SlowConsumer, SubscriptionFailed {}

  /**
   * The records of {@code quid} gathered since its previous frame to this subscriber, oldest first,
   * after {@code dropped} older ones that retention let go; {@code sequence} counts this
   * subscriber's frames of the quid from 1; {@code lastLsn} is the highest LSN of the writes behind
   * them (the resume point once taken); {@code lateIgnored} counts, over the quid's life, the bits
   * that came too late for their GROUP BY INTERVAL bucket. Acknowledge it with {@link Acknowledge}.
   */
  public record Frame(
      String quid,
      MetricKey metric,
      List<ResultRow> records,
      long dropped,
      long sequence,
      long lastLsn,
      long lateIgnored)
      implements Event {
    public Frame {
      records = List.copyOf(records);
    }
  }

  /**
   * The subscription to {@code quid} was removed: its frames went unacknowledged for too long.
   * {@code droppedTotal} records were dropped over its life.
   */
  public record SlowConsumer(String quid, MetricKey metric, long droppedTotal) implements Event {}

  /**
   * The subscription to {@code quid} was removed: its query failed on a new bit with the error a
   * one-off query would get ({@code code}, {@code message}), e.g. a GROUP BY past the result limit,
   * or its metric changed under it ({@link ErrorCode#STREAM_INVALIDATED}: dropped, or points a
   * stateful query had counted deleted).
   */
  public record SubscriptionFailed(String quid, MetricKey metric, ErrorCode code, String message)
      implements Event {}

  /** The publisher, with random (UUID) quids and no bound on its backlog. */
  public static Behavior<Command> create(Settings settings, InstantSource clock) {
    return create(settings, clock, PublisherBacklog.unbounded());
  }

  /**
   * The publisher, with random (UUID) quids, taking each batch off {@code backlog} once matched;
   * give the same backlog to its {@link #writeListener}.
   */
  public static Behavior<Command> create(
      Settings settings, InstantSource clock, PublisherBacklog backlog) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    return Behaviors.withTimers(
        timers -> {
          // Fixed rate: a late tick is followed by a prompt one, and an extra tick is harmless
          // (each outbox keeps its own due time). It is also the mode the manual test scheduler
          // runs deterministically.
          timers.startTimerAtFixedRate(Tick.INSTANCE, settings.tick());
          // A bug in one message must not end every subscription: the failure is logged and the
          // publisher goes on with its state (a restart would forget every subscription).
          return Behaviors.supervise(
                  Behaviors.<Command>setup(
                      context -> new Publisher(context, settings, clock, backlog)))
              .onFailure(RuntimeException.class, SupervisorStrategy.resume());
        });
  }

  /**
   * The write listener that hands every insert, delete and drop to {@code publisher}: one {@code
   * tell} each, inserts matched as of {@code clock}'s reading at the insert.
   */
  public static WriteListener writeListener(ActorRef<Command> publisher, InstantSource clock) {
    return writeListener(publisher, clock, PublisherBacklog.unbounded());
  }

  /**
   * As {@link #writeListener(ActorRef, InstantSource)}, counting each batch into {@code backlog}
   * and holding a writer while the backlog is over its bound.
   */
  public static WriteListener writeListener(
      ActorRef<Command> publisher, InstantSource clock, PublisherBacklog backlog) {
    return new WriteListener() {
      @Override
      public void written(MetricKey metric, List<Bit> bits, long firstLsn) {
        backlog.added(bits.size());
        publisher.tell(new Published(metric, bits, firstLsn, clock.millis()));
      }

      @Override
      public void awaitCaughtUp() {
        backlog.awaitRoom();
      }

      @Override
      public void deleted(MetricKey metric, long lsn) {
        publisher.tell(new MetricChanged(metric, lsn, false));
      }

      @Override
      public void dropped(MetricKey metric, long lsn) {
        publisher.tell(new MetricChanged(metric, lsn, true));
      }
    };
  }

  private final InstantSource clock;
  private final PublisherBacklog backlog;
  private final SubscriptionRegistry<ActorRef<Event>> registry;
  private final SubscriptionRegistry.Sink<ActorRef<Event>> sink =
      new SubscriptionRegistry.Sink<>() {
        @Override
        public void frame(
            ActorRef<Event> subscriber,
            String quid,
            MetricKey metric,
            SubscriptionOutbox.Flush<ResultRow> frame,
            long lateIgnored) {
          subscriber.tell(
              new Frame(
                  quid,
                  metric,
                  frame.records(),
                  frame.dropped(),
                  frame.sequence(),
                  frame.lastLsn(),
                  lateIgnored));
        }

        @Override
        public void stuck(
            ActorRef<Event> subscriber, String quid, MetricKey metric, long droppedTotal) {
          getContext()
              .getLog()
              .warn(
                  "subscription removed: its consumer took no frame for too long"
                      + " [quid={}, metric={}, subscriber={}, droppedTotal={}]",
                  quid,
                  metric,
                  subscriber,
                  droppedTotal);
          subscriber.tell(new SlowConsumer(quid, metric, droppedTotal));
          unwatchIfDone(subscriber);
        }
      };
  private long lastPublishedLsn;

  private Publisher(
      ActorContext<Command> context,
      Settings settings,
      InstantSource clock,
      PublisherBacklog backlog) {
    super(context);
    this.clock = clock;
    this.backlog = backlog;
    this.registry =
        new SubscriptionRegistry<>(
            settings.outboxCapacity(),
            settings.stuckAfter(),
            new SubscriptionRegistry.ReplayWindow(
                settings.replayCapacity(), settings.replayAge().toMillis()),
            () -> UUID.randomUUID().toString());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .onMessage(SubscriberGone.class, this::onSubscriberGone)
        .onMessage(Published.class, this::onPublished)
        .onMessage(MetricChanged.class, this::onMetricChanged)
        .onMessage(Acknowledge.class, this::onAcknowledge)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    boolean known = registry.isSubscribed(subscribe.subscriber());
    MetricKey metric = new MetricKey(subscribe.db(), subscribe.namespace(), subscribe.metric());
    SubscriptionRegistry.Registration registration;
    try {
      registration =
          registry.subscribe(
              subscribe.subscriber(),
              metric,
              subscribe.select(),
              subscribe.schema(),
              subscribe.live(),
              subscribe.lsn(),
              subscribe.resumeAfter(),
              subscribe.refreshPeriodMillis(),
              subscribe.retentionSize());
    } catch (NsdbException e) {
      subscribe
          .replyTo()
          .tell(new SubscribeFailed(subscribe.requestId(), e.code(), e.getMessage()));
      return this;
    }
    if (!known) {
      getContext().watchWith(subscribe.subscriber(), new SubscriberGone(subscribe.subscriber()));
    }
    subscribe
        .replyTo()
        .tell(
            new Subscribed(
                subscribe.requestId(),
                registration.quid(),
                metric,
                registration.history(),
                registration.lsn(),
                registration.resumed(),
                registration.replayed()));
    return this;
  }

  private Behavior<Command> onUnsubscribe(Unsubscribe unsubscribe) {
    registry.unsubscribe(unsubscribe.subscriber(), unsubscribe.quid(), clock.millis());
    unwatchIfDone(unsubscribe.subscriber());
    unsubscribe.replyTo().tell(new Unsubscribed(unsubscribe.quid()));
    return this;
  }

  private Behavior<Command> onSubscriberGone(SubscriberGone gone) {
    registry.removeSubscriber(gone.subscriber(), clock.millis());
    getContext().unwatch(gone.subscriber());
    return this;
  }

  private Behavior<Command> onPublished(Published published) {
    try {
      tellEnded(
          registry.published(
              published.metric(), published.bits(), published.firstLsn(), published.nowMillis()));
    } finally {
      backlog.taken(published.bits().size());
    }
    // Batches of different metrics may arrive out of LSN order; each metric's are in order.
    lastPublishedLsn =
        Math.max(lastPublishedLsn, published.firstLsn() + published.bits().size() - 1);
    return this;
  }

  private Behavior<Command> onMetricChanged(MetricChanged changed) {
    tellEnded(
        registry.invalidate(changed.metric(), changed.lsn(), changed.dropped(), clock.millis()));
    return this;
  }

  /** Tells each subscriber of an ended subscription why it ended. */
  private void tellEnded(List<SubscriptionRegistry.Failure<ActorRef<Event>>> ended) {
    for (SubscriptionRegistry.Failure<ActorRef<Event>> failure : ended) {
      getContext()
          .getLog()
          .info(
              "subscription ended [quid={}, metric={}]: {}",
              failure.quid(),
              failure.metric(),
              failure.error().getMessage());
      failure
          .subscriber()
          .tell(
              new SubscriptionFailed(
                  failure.quid(),
                  failure.metric(),
                  failure.error().code(),
                  failure.error().getMessage()));
      unwatchIfDone(failure.subscriber());
    }
  }

  private Behavior<Command> onAcknowledge(Acknowledge ack) {
    try {
      registry.acknowledge(ack.subscriber(), ack.quid(), ack.sequence());
    } catch (IllegalArgumentException e) {
      // A subscriber bug must not take the publisher down with every other subscription.
      getContext().getLog().warn("ignored an acknowledgement [quid={}]: {}", ack.quid(), e);
    }
    return this;
  }

  private Behavior<Command> onGetStats(GetStats get) {
    get.replyTo()
        .tell(
            new Stats(
                registry.subscriberCount(),
                registry.subscriptionCount(),
                registry.quidCount(),
                registry.indexSizes(),
                registry.replayBits(),
                lastPublishedLsn));
    return this;
  }

  private Behavior<Command> onTick() {
    registry.flush(clock.millis(), sink);
    return this;
  }

  private void unwatchIfDone(ActorRef<Event> subscriber) {
    if (!registry.isSubscribed(subscriber)) {
      getContext().unwatch(subscriber);
    }
  }
}
