package io.nsdb.ws.stream;

import io.nsdb.core.query.ResultRow;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.http.ErrorResponses;
import io.nsdb.ws.json.QueryRequest;
import io.nsdb.ws.metrics.ServerMetrics;
import io.nsdb.ws.service.SubscriptionService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One stream connection ({@code /ws-stream} socket or {@code /stream} response): reads the client's
 * messages, holds its subscriptions, and writes what the publisher sends, in order, at the pace the
 * connection takes it.
 *
 * <p><b>Outbound.</b> Messages go one at a time to the connection's source ({@link Outgoing}),
 * which answers {@link SourceReady} once it has passed one on towards the socket, so this actor
 * always knows what the client has taken. A frame is acknowledged to the publisher only then: a
 * client that stops reading stops acknowledging, and the publisher, not this actor, bounds and
 * counts what it misses (and after a while ends the subscription: {@link CloseCode#SLOW_CONSUMER}).
 * Other messages (errors, replies) queue here up to {@link StreamSettings#outboxMessages()}; a
 * client that lets more pile up is closed the same way.
 *
 * <p><b>Lifetime.</b> The connection's end stops this actor ({@link ConnectionEnded}); the
 * publisher, which watches it, then removes every subscription it had. Closing from this side sends
 * a {@code close} message and completes the source; if the client does not take it within {@link
 * #CLOSE_GRACE}, the connection is aborted.
 */
public final class StreamSession extends AbstractBehavior<StreamSession.Command> {

  /** How long a closing connection may take to flush its last messages before it is aborted. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /** What the session is told. */
  public sealed interface Command
      permits Attach,
          FromClient,
          Violation,
          ConnectionEnded,
          SourceReady,
          Event,
          Reply,
          SubscribeFailed,
          UnsubscribeDone,
          IdleCheck,
          Abort,
          Start {}

  /** The connection's outbound source, materialized; messages go there. */
  public record Attach(ActorRef<Outgoing> out) implements Command {}

  /** A text message from the client; {@code handled} is told once it is dealt with. */
  public record FromClient(String text, ActorRef<Done> handled) implements Command {}

  /** A message the protocol does not allow (binary, too big): the connection is closed. */
  public record Violation(CloseCode code, String reason, ActorRef<Done> handled)
      implements Command {}

  /** The connection ended (client closed, network failed, or our close went through). */
  public enum ConnectionEnded implements Command {
    INSTANCE
  }

  /** The source took the last message passed to it and can take the next. */
  public enum SourceReady implements Command {
    INSTANCE
  }

  /** For {@code /stream}: subscribe at once, and end the connection with its last subscription. */
  public record Start(QueryRequest request) implements Command {}

  record Event(Publisher.Event event) implements Command {}

  record Reply(Publisher.SubscribeReply reply) implements Command {}

  record SubscribeFailed(Throwable error, long requestId) implements Command {}

  record UnsubscribeDone(String quid) implements Command {}

  private enum IdleCheck implements Command {
    INSTANCE
  }

  private enum Abort implements Command {
    INSTANCE
  }

  /** What the session passes to the connection's source. */
  public sealed interface Outgoing {}

  /** One JSON message. */
  public record Text(String json) implements Outgoing {}

  /** The end: the source completes once everything before it went out. */
  public enum Complete implements Outgoing {
    INSTANCE
  }

  /** The end, at once: the connection is failed without a close handshake. */
  public enum Fail implements Outgoing {
    INSTANCE
  }

  /** A message waiting for the source, with the frame it acknowledges once taken, if any. */
  private record Queued(Outgoing message, String quid, long sequence) {}

  private final StreamSettings settings;
  private final SubscriptionService subscriptions;
  private final ActorRef<Publisher.Command> publisher;
  private final long refreshPeriodMillis;
  private final int retentionSize;
  private final boolean endWithLastSubscription;
  private final Runnable onStop;
  private final ServerMetrics metrics;
  private final ActorRef<Publisher.Event> events;
  private final TimerScheduler<Command> timers;

  private final Set<String> active = new HashSet<>();
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private int controlMessagesQueued;
  // Subscribes in flight by request id: replies come in any order, each names its request.
  private final Map<Long, QueryRequest> subscribing = new HashMap<>();
  private long lastRequestId;
  private final ActorRef<Publisher.SubscribeReply> replies;
  private ActorRef<Outgoing> out;
  private Queued inFlight;
  private final Map<String, Long> framesTaken = new HashMap<>();
  private int framesSinceAcknowledged;
  private boolean closing;
  private long lastClientMessageNanos = System.nanoTime();

  /** What every session of a server shares. */
  public record Wiring(
      StreamSettings settings,
      SubscriptionService subscriptions,
      ActorRef<Publisher.Command> publisher,
      ServerMetrics metrics) {}

  /**
   * One connection's terms.
   *
   * @param refreshPeriodMillis its {@code refresh_period}
   * @param retentionSize its {@code retention_size}
   * @param endWithLastSubscription for {@code /stream}: the connection ends when its one
   *     subscription does
   * @param onStop run once when the session stops (connection accounting)
   */
  public record Connection(
      long refreshPeriodMillis,
      int retentionSize,
      boolean endWithLastSubscription,
      Runnable onStop) {}

  public static Behavior<Command> create(Wiring wiring, Connection connection) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(timers -> new StreamSession(context, timers, wiring, connection)));
  }

  private StreamSession(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Wiring wiring,
      Connection connection) {
    super(context);
    this.metrics = wiring.metrics();
    metrics.socketsChanged(1);
    this.timers = timers;
    this.settings = wiring.settings();
    this.subscriptions = wiring.subscriptions();
    this.publisher = wiring.publisher();
    this.refreshPeriodMillis = connection.refreshPeriodMillis();
    this.retentionSize = connection.retentionSize();
    this.endWithLastSubscription = connection.endWithLastSubscription();
    this.onStop = connection.onStop();
    this.events = context.messageAdapter(Publisher.Event.class, Event::new);
    this.replies = context.messageAdapter(Publisher.SubscribeReply.class, Reply::new);
    if (!endWithLastSubscription) {
      Duration check = settings.idleTimeout().dividedBy(4);
      timers.startTimerWithFixedDelay(
          IdleCheck.INSTANCE, check.isZero() ? settings.idleTimeout() : check);
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Attach.class, this::onAttach)
        .onMessage(Start.class, start -> onSubscribe(start.request(), OptionalLong.empty()))
        .onMessage(FromClient.class, this::onFromClient)
        .onMessage(Violation.class, this::onViolation)
        .onMessage(SourceReady.class, ready -> onSourceReady())
        .onMessage(Event.class, this::onEvent)
        .onMessage(Reply.class, this::onReply)
        .onMessage(SubscribeFailed.class, this::onSubscribeFailed)
        .onMessage(UnsubscribeDone.class, this::onUnsubscribeDone)
        .onMessageEquals(IdleCheck.INSTANCE, this::onIdleCheck)
        .onMessageEquals(Abort.INSTANCE, this::onAbort)
        .onMessageEquals(ConnectionEnded.INSTANCE, Behaviors::stopped)
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  private Behavior<Command> onAttach(Attach attach) {
    out = attach.out();
    sendNext();
    return this;
  }

  // ---------------------------------------------------------------- from the client

  private Behavior<Command> onFromClient(FromClient message) {
    message.handled().tell(Done.getInstance());
    lastClientMessageNanos = System.nanoTime();
    if (closing) {
      return this;
    }
    ClientMessage parsed;
    try {
      parsed = ClientMessage.parse(message.text());
    } catch (RuntimeException e) {
      sendControl(ServerMessages.error(ErrorResponses.problem(e)));
      return this;
    }
    return switch (parsed) {
      case ClientMessage.Subscribe subscribe ->
          onSubscribe(subscribe.query(), subscribe.resumeAfter());
      case ClientMessage.Unsubscribe unsubscribe -> onUnsubscribe(unsubscribe.quid());
      case ClientMessage.Ping ping -> {
        sendControl(ServerMessages.pong());
        yield this;
      }
    };
  }

  private Behavior<Command> onViolation(Violation violation) {
    violation.handled().tell(Done.getInstance());
    close(violation.code(), violation.reason());
    return this;
  }

  private Behavior<Command> onSubscribe(QueryRequest request, OptionalLong resumeAfter) {
    if (active.size() + subscribing.size() >= settings.maxSubscriptionsPerSocket()) {
      close(
          CloseCode.TOO_MANY_SUBSCRIPTIONS,
          "too many subscriptions on one connection [limit="
              + settings.maxSubscriptionsPerSocket()
              + ", setting=nsdb.websocket.max-subscriptions-per-socket]");
      return this;
    }
    long requestId = ++lastRequestId;
    subscribing.put(requestId, request);
    ActorRef<Command> self = getContext().getSelf();
    try {
      // Success is the publisher's reply; only a failure before it needs telling.
      subscriptions
          .subscribe(
              request,
              resumeAfter,
              new SubscriptionService.Subscriber(
                  events, replies, refreshPeriodMillis, retentionSize, requestId))
          .whenComplete(
              (ignored, error) -> {
                if (error != null) {
                  self.tell(new SubscribeFailed(error, requestId));
                }
              });
    } catch (RuntimeException e) { // refused before any work: parse error, not a select...
      self.tell(new SubscribeFailed(e, requestId));
    }
    return this;
  }

  private Behavior<Command> onUnsubscribe(String quid) {
    if (!active.contains(quid)) {
      sendControl(
          ServerMessages.error(
              ErrorResponses.problem(
                  ApiException.badRequest(
                      ApiErrorCode.UNKNOWN_SUBSCRIPTION,
                      "no such subscription on this connection [quid=" + quid + "]"))));
      return this;
    }
    forget(quid);
    ActorRef<Publisher.Unsubscribed> replies =
        getContext()
            .messageAdapter(Publisher.Unsubscribed.class, u -> new UnsubscribeDone(u.quid()));
    publisher.tell(new Publisher.Unsubscribe(events, quid, replies));
    return this;
  }

  // ---------------------------------------------------------------- from the publisher

  private Behavior<Command> onReply(Reply reply) {
    QueryRequest request = subscribing.remove(reply.reply().requestId());
    switch (reply.reply()) {
      case Publisher.Subscribed subscribed -> {
        if (active.add(subscribed.quid())) {
          metrics.subscriptionsChanged(1);
        }
        sendHistory(subscribed, request);
      }
      case Publisher.SubscribeFailed failed ->
          subscribeFailed(
              request,
              new ErrorResponses.Problem(
                  400, failed.code().name(), failed.message(), null, Map.of()));
    }
    return this;
  }

  private void sendHistory(Publisher.Subscribed subscribed, QueryRequest request) {
    List<ResultRow> history = subscribed.history();
    String metric = subscribed.metric().metric();
    int chunk = settings.historyChunkRecords();
    // NSDb's clients expect one history message: a short history (the usual case) is one, and
    // an empty history is one empty message.
    int from = 0;
    do {
      List<ResultRow> part = history.subList(from, Math.min(history.size(), from + chunk));
      enqueue(new Text(ServerMessages.history(subscribed.quid(), request, metric, part)), null, 0);
      from += chunk;
    } while (from < history.size());
    enqueue(new Text(ServerMessages.historyEnd(subscribed.quid(), subscribed)), null, 0);
  }

  private Behavior<Command> onSubscribeFailed(SubscribeFailed failed) {
    QueryRequest request = subscribing.remove(failed.requestId());
    subscribeFailed(request, ErrorResponses.problem(failed.error()));
    return this;
  }

  private void subscribeFailed(QueryRequest request, ErrorResponses.Problem problem) {
    sendControl(ServerMessages.subscribeFailed(request, problem));
    endIfNothingLeft();
  }

  /** For {@code /stream}: the connection ends once its subscription is gone or refused. */
  private void endIfNothingLeft() {
    if (endWithLastSubscription && active.isEmpty() && subscribing.isEmpty()) {
      closeQuietly();
    }
  }

  /** The subscription {@code quid} is gone, whoever ended it. */
  private void forget(String quid) {
    if (active.remove(quid)) {
      metrics.subscriptionsChanged(-1);
    }
  }

  private Behavior<Command> onUnsubscribeDone(UnsubscribeDone done) {
    sendControl(ServerMessages.unsubscribed(done.quid()));
    return this;
  }

  private Behavior<Command> onEvent(Event event) {
    switch (event.event()) {
      case Publisher.Frame frame -> {
        metrics.recordsDropped(frame.dropped());
        if (active.contains(frame.quid()) && !closing) {
          enqueue(new Text(ServerMessages.frame(frame)), frame.quid(), frame.sequence());
        }
      }
      case Publisher.SubscriptionFailed failed -> {
        forget(failed.quid());
        sendControl(ServerMessages.subscriptionFailed(failed));
        endIfNothingLeft();
      }
      case Publisher.SlowConsumer slow -> {
        forget(slow.quid());
        sendControl(ServerMessages.subscriptionClosed(slow));
        close(
            CloseCode.SLOW_CONSUMER,
            "the client did not take its frames [quid="
                + slow.quid()
                + ", droppedTotal="
                + slow.droppedTotal()
                + "]");
      }
    }
    return this;
  }

  // ---------------------------------------------------------------- to the client

  private void sendControl(String json) {
    if (closing) {
      return;
    }
    if (controlMessagesQueued >= settings.outboxMessages()) {
      close(
          CloseCode.SLOW_CONSUMER,
          "the client did not take its messages [queued="
              + controlMessagesQueued
              + ", limit="
              + settings.outboxMessages()
              + ", setting=nsdb.websocket.outbox-size]");
      return;
    }
    controlMessagesQueued++;
    enqueue(new Text(json), null, -1);
  }

  /** {@code sequence}: a frame's, to acknowledge; 0 for history; -1 for a control message. */
  private void enqueue(Outgoing message, String quid, long sequence) {
    queue.addLast(new Queued(message, quid, sequence));
    sendNext();
  }

  private Behavior<Command> onSourceReady() {
    Queued taken = inFlight;
    inFlight = null;
    if (taken != null) {
      if (taken.sequence() < 0) {
        controlMessagesQueued--;
      } else if (taken.quid() != null) {
        taken(taken.quid(), taken.sequence());
      }
    }
    sendNext();
    if (inFlight == null) {
      acknowledgeTaken(); // nothing more to send: the publisher may send more at once
    }
    return this;
  }

  /**
   * Notes a frame the connection took. Acknowledgements are cumulative, so under load one message
   * per quid stands for several frames: they go when the queue runs dry or when half of what the
   * publisher lets a subscription have unacknowledged is taken, never holding it back.
   */
  private void taken(String quid, long sequence) {
    framesTaken.merge(quid, sequence, Math::max);
    if (++framesSinceAcknowledged >= Math.max(1, settings.publisher().outboxCapacity() / 2)) {
      acknowledgeTaken();
    }
  }

  private void acknowledgeTaken() {
    framesTaken.forEach(
        (quid, sequence) -> {
          if (active.contains(quid)) {
            publisher.tell(new Publisher.Acknowledge(events, quid, sequence));
          }
        });
    framesTaken.clear();
    framesSinceAcknowledged = 0;
  }

  private void sendNext() {
    if (out == null || inFlight != null || queue.isEmpty()) {
      return;
    }
    inFlight = queue.pollFirst();
    out.tell(inFlight.message());
  }

  private Behavior<Command> onIdleCheck() {
    long silentNanos = System.nanoTime() - lastClientMessageNanos;
    if (active.isEmpty()
        && subscribing.isEmpty()
        && silentNanos >= settings.idleTimeout().toNanos()
        && !closing) {
      close(
          CloseCode.IDLE_TIMEOUT,
          "no subscription and no message [idleTimeout="
              + settings.idleTimeout()
              + ", setting=nsdb.websocket.idle-timeout]");
    }
    return this;
  }

  /** Sends the close message, then ends the connection; aborts it if the client does not read. */
  private void close(CloseCode code, String reason) {
    if (closing) {
      return;
    }
    queue.addLast(new Queued(new Text(ServerMessages.close(code, reason)), null, 0));
    closeQuietly();
  }

  private void closeQuietly() {
    if (closing) {
      return;
    }
    closing = true;
    queue.addLast(new Queued(Complete.INSTANCE, null, 0));
    sendNext();
    timers.cancel(IdleCheck.INSTANCE);
    timers.startSingleTimer(Abort.INSTANCE, CLOSE_GRACE);
  }

  private Behavior<Command> onAbort() {
    if (out != null) {
      out.tell(Fail.INSTANCE);
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop() {
    metrics.subscriptionsChanged(-active.size());
    metrics.socketsChanged(-1);
    onStop.run();
    return this;
  }
}
