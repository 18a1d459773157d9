package io.nsdb.ws.stream;

import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.json.QueryRequest;
import io.nsdb.ws.metrics.ServerMetrics;
import io.nsdb.ws.service.QueryService;
import io.nsdb.ws.service.SubscriptionService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.CompletionStrategy;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /ws-stream} (WebSocket) and {@code GET /stream} (newline-delimited JSON over HTTP):
 * check the connection's parameters before anything is opened (a bad {@code refresh_period} or
 * {@code retention_size} is a 400, a full server a 503), then run one {@link StreamSession} per
 * connection, wired to the connection as a stream whose outbound side takes the session's messages
 * one at a time.
 */
public final class StreamRoutes extends AllDirectives {

  /**
   * The longest a {@code /stream} response stays silent. A client that closes its connection is
   * only noticed when a write to it fails (the server reads nothing more once the response has
   * started), so this bounds how long a gone client's subscription lingers: two lines at most.
   */
  private static final Duration HTTP_STREAM_MAX_SILENCE = Duration.ofSeconds(5);

  /** How long a client message may wait for its session to take it before the socket fails. */
  private static final Duration HANDOFF_TIMEOUT = Duration.ofSeconds(30);

  private static final ContentType NDJSON =
      MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8).toContentType();

  private final StreamSettings settings;
  private final QueryService queries;
  private final ActorSystem<?> system;
  private final StreamSession.Wiring wiring;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong sessionIds = new AtomicLong();

  public StreamRoutes(
      StreamSettings settings,
      SubscriptionService subscriptions,
      QueryService queries,
      ActorRef<Publisher.Command> publisher,
      ActorSystem<?> system,
      ServerMetrics metrics) {
    this.settings = settings;
    this.queries = queries;
    this.system = system;
    this.wiring = new StreamSession.Wiring(settings, subscriptions, publisher, metrics);
  }

  public Route route() {
    return concat(
        path(
            "ws-stream",
            () ->
                get(
                    () ->
                        parameterMap(
                            parameters -> {
                              Pacing pacing = pacing(parameters);
                              return extractWebSocketUpgrade(
                                  upgrade -> {
                                    reserveConnection();
                                    return complete(upgrade.handleMessagesWith(socketFlow(pacing)));
                                  });
                            }))),
        path("stream", () -> get(() -> parameterMap(this::httpStream))));
  }

  /** Open stream connections; for tests and metrics. */
  public int openConnections() {
    return connections.get();
  }

  /** A connection's refresh period and retention size, from its URL. */
  private record Pacing(long refreshPeriodMillis, int retentionSize) {}

  private Pacing pacing(Map<String, String> parameters) {
    long floor = settings.refreshPeriod().toMillis();
    long refresh = whole(parameters, "refresh_period", floor);
    if (refresh < floor) {
      throw ApiException.invalidField(
          "refresh_period",
          "is below the server's floor [refresh_period="
              + refresh
              + ", floor="
              + floor
              + ", setting=nsdb.websocket.refresh-period]");
    }
    long retention = whole(parameters, "retention_size", settings.retentionSize());
    if (retention < 1 || retention > settings.maxRetentionSize()) {
      throw ApiException.invalidField(
          "retention_size",
          "must be between 1 and "
              + settings.maxRetentionSize()
              + " [retention_size="
              + retention
              + ", setting=nsdb.websocket.max-retention-size]");
    }
    return new Pacing(refresh, (int) retention);
  }

  private static long whole(Map<String, String> parameters, String name, long fallback) {
    String text = parameters.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalidField(name, "must be a whole number [" + name + "=" + text + "]");
    }
  }

  private void reserveConnection() {
    if (connections.incrementAndGet() > settings.maxConnections()) {
      connections.decrementAndGet();
      throw new ApiException(
          503,
          ApiErrorCode.TOO_MANY_CONNECTIONS,
          "too many stream connections, retry later [limit="
              + settings.maxConnections()
              + ", setting=nsdb.websocket.max-connections]");
    }
  }

  // ---------------------------------------------------------------- WebSocket

  private Flow<Message, Message, NotUsed> socketFlow(Pacing pacing) {
    return Flow.<Message, Message, NotUsed>fromMaterializer(
            (materializer, attributes) -> {
              Session session = startSession(pacing, false, materializer);
              Sink<Message, NotUsed> inbound =
                  Flow.<Message>create()
                      .mapAsync(1, message -> read(message, materializer))
                      .mapAsync(
                          1,
                          command ->
                              AskPattern.ask(
                                  session.actor(), command, HANDOFF_TIMEOUT, system.scheduler()))
                      .to(Sink.onComplete(done -> session.ended()));
              Source<Message, NotUsed> outbound =
                  session.outbound().map(json -> (Message) TextMessage.create(json));
              return Flow.fromSinkAndSourceCoupled(inbound, outbound);
            })
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /**
   * A client message as the session's command: text up to the size limit, or the violation that
   * closes the socket. Streamed messages are read up to the limit only.
   */
  private CompletionStage<Function<ActorRef<Done>, StreamSession.Command>> read(
      Message message, Materializer materializer) {
    int limit = settings.maxMessageBytes();
    if (!message.isText()) {
      message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
      return CompletableFuture.completedFuture(
          handled ->
              new StreamSession.Violation(
                  CloseCode.UNSUPPORTED_DATA,
                  "binary messages are not part of the protocol, send JSON text",
                  handled));
    }
    TextMessage text = message.asTextMessage();
    CompletionStage<String> whole =
        text.isStrict()
            ? CompletableFuture.completedFuture(text.getStrictText())
            : text.getStreamedText()
                .limitWeighted(limit + 1L, part -> (long) part.length())
                .runFold(new StringBuilder(), StringBuilder::append, materializer)
                .thenApply(StringBuilder::toString);
    return whole.handle(
        (body, error) -> {
          if (error == null && body.length() <= limit) {
            return handled -> new StreamSession.FromClient(body, handled);
          }
          return handled ->
              new StreamSession.Violation(
                  CloseCode.MESSAGE_TOO_BIG,
                  "message larger than the server accepts [limit="
                      + limit
                      + ", setting=nsdb.websocket.max-message-size]",
                  handled);
        });
  }

  // ---------------------------------------------------------------- HTTP streaming

  private Route httpStream(Map<String, String> parameters) {
    Pacing pacing = pacing(parameters);
    Map<String, String> query = new HashMap<>(parameters);
    if (parameters.containsKey("query")) {
      query.putIfAbsent("queryString", parameters.get("query"));
    }
    QueryRequest request = QueryRequest.fromParameters(query);
    // Checked before the response starts, so that a bad query is an ordinary 4xx answer.
    return onSuccess(
        queries.validate(request),
        valid -> {
          reserveConnection();
          Source<ByteString, NotUsed> lines =
              Source.<ByteString, NotUsed>fromMaterializer(
                      (materializer, attributes) -> {
                        Session session = startSession(pacing, true, materializer);
                        session.actor().tell(new StreamSession.Start(request));
                        return session
                            .outbound()
                            .keepAlive(httpKeepAlive(), ServerMessages::ping)
                            .map(json -> ByteString.fromString(json + "\n"));
                      })
                  .mapMaterializedValue(ignored -> NotUsed.getInstance());
          return complete(
              HttpResponse.create().withEntity(HttpEntities.createChunked(NDJSON, lines)));
        });
  }

  private Duration httpKeepAlive() {
    return settings.pingInterval().compareTo(HTTP_STREAM_MAX_SILENCE) < 0
        ? settings.pingInterval()
        : HTTP_STREAM_MAX_SILENCE;
  }

  // ---------------------------------------------------------------- sessions

  /** A started session and the source of its messages (JSON texts), which ends the session. */
  private record Session(ActorRef<StreamSession.Command> actor, Source<String, NotUsed> outbound) {
    void ended() {
      actor.tell(StreamSession.ConnectionEnded.INSTANCE);
    }
  }

  private Session startSession(Pacing pacing, boolean httpStream, Materializer materializer) {
    ActorRef<StreamSession.Command> actor =
        system.systemActorOf(
            StreamSession.create(
                wiring,
                new StreamSession.Connection(
                    pacing.refreshPeriodMillis(),
                    pacing.retentionSize(),
                    httpStream,
                    connections::decrementAndGet)),
            "stream-session-" + sessionIds.incrementAndGet(),
            Props.empty());
    Pair<ActorRef<StreamSession.Outgoing>, Source<StreamSession.Outgoing, NotUsed>> outgoing =
        ActorSource.<StreamSession.Outgoing, StreamSession.Command>actorRefWithBackpressure(
                actor,
                StreamSession.SourceReady.INSTANCE,
                message ->
                    message == StreamSession.Complete.INSTANCE
                        ? Optional.of(CompletionStrategy.draining())
                        : Optional.empty(),
                message ->
                    message == StreamSession.Fail.INSTANCE
                        ? Optional.of(
                            new IllegalStateException("stream connection aborted: client stuck"))
                        : Optional.empty())
            .preMaterialize(materializer);
    actor.tell(new StreamSession.Attach(outgoing.first()));
    Session session =
        new Session(
            actor,
            outgoing
                .second()
                .map(message -> ((StreamSession.Text) message).json())
                .watchTermination(
                    (notUsed, done) -> {
                      done.whenComplete(
                          (ok, error) -> actor.tell(StreamSession.ConnectionEnded.INSTANCE));
                      return notUsed;
                    }));
    return session;
  }
}
