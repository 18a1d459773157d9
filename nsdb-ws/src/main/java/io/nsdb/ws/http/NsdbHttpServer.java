package io.nsdb.ws.http;

import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.WriteListener;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.core.stream.Publisher;
import io.nsdb.core.stream.PublisherBacklog;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.ws.metrics.ServerMetrics;
import io.nsdb.ws.routes.ApiRoutes;
import io.nsdb.ws.service.CatalogService;
import io.nsdb.ws.service.QueryService;
import io.nsdb.ws.service.SubscriptionService;
import io.nsdb.ws.service.WorkerPool;
import io.nsdb.ws.service.WriteService;
import io.nsdb.ws.stream.StreamRoutes;
import io.nsdb.ws.stream.StreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.http.javadsl.settings.WebSocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server over one {@link Storage}: builds the services and routes, binds, and stops in
 * order — refuse new connections, let requests in flight finish (up to a deadline), let queued work
 * drain — before the caller closes the storage.
 */
public final class NsdbHttpServer {

  private static final Logger LOG = LoggerFactory.getLogger(NsdbHttpServer.class);

  /**
   * Numbers publisher actors: a warm-up server runs in the same actor system before the real one.
   */
  private static final AtomicLong PUBLISHERS = new AtomicLong();

  private final ClassicActorSystemProvider system;
  private final HttpSettings settings;
  private final StreamSettings streamSettings;
  private final Storage storage;
  private final ActorRef<Publisher.Command> publisher;
  private final StreamRoutes streams;
  private final WorkerPool workers;
  private final ServerMetrics metrics;
  private final ApiRoutes routes;
  private final AtomicBoolean stopping = new AtomicBoolean();

  public NsdbHttpServer(
      ClassicActorSystemProvider system,
      Storage storage,
      QueryLimits limits,
      SqlParser parser,
      HttpSettings settings,
      StreamSettings streamSettings,
      Clock clock) {
    this.system = system;
    this.settings = settings;
    this.streamSettings = streamSettings;
    this.storage = storage;
    this.workers = new WorkerPool(settings.workerThreads(), settings.maxQueuedRequests());
    this.metrics = new ServerMetrics(storage::stats, workers::queued);
    QueryEngine engine = new QueryEngine(storage, limits);
    QueryService queries = new QueryService(engine, parser, workers, metrics, clock);
    WriteService writes = new WriteService(storage, workers, metrics, clock);
    CatalogService catalog = new CatalogService(storage, workers);
    ActorSystem<Void> typed = Adapter.toTyped(system.classicSystem());
    PublisherBacklog backlog = PublisherBacklog.bounded(streamSettings.maxPublisherBacklog());
    this.publisher =
        typed.systemActorOf(
            Publisher.create(streamSettings.publisher(), clock, backlog),
            "publisher-" + PUBLISHERS.incrementAndGet(),
            Props.empty());
    // From here on every acknowledged insert reaches the publisher (see Storage#holdingWrites).
    storage.setWriteListener(Publisher.writeListener(publisher, clock, backlog));
    this.streams =
        new StreamRoutes(
            streamSettings,
            new SubscriptionService(storage, engine, queries, workers, publisher, clock),
            queries,
            publisher,
            typed,
            metrics);
    this.routes =
        new ApiRoutes(settings, queries, writes, catalog, streams, metrics, stopping::get);
  }

  /** Binds to the configured address and port; fails if the port is taken. */
  public CompletionStage<ServerBinding> bind() {
    ServerSettings server = ServerSettings.create(system.classicSystem());
    // Quiet sockets are pinged, so that dead peers are found and proxies keep the socket open.
    WebSocketSettings pings =
        server
            .getWebsocketSettings()
            .withPeriodicKeepAliveMode("ping")
            .withPeriodicKeepAliveMaxIdle(streamSettings.pingInterval());
    return Http.get(system)
        .newServerAt(settings.bindAddress(), settings.port())
        .withSettings(server.withWebsocketSettings(pings))
        .bind(routes.route());
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /** The continuous-query publisher, e.g. for its {@link Publisher.Stats}. */
  public ActorRef<Publisher.Command> publisher() {
    return publisher;
  }

  /** Stream connections open now. */
  public int openStreamConnections() {
    return streams.openConnections();
  }

  /**
   * Stops serving: unbinds, gives requests in flight up to {@code deadline} to be answered, then
   * waits for the workers to finish what they had accepted. Writes acknowledged before are durable
   * already; a write still running completes or fails before the storage closes.
   */
  public void stop(ServerBinding binding, Duration deadline) {
    stopping.set(true);
    storage.setWriteListener(WriteListener.NONE);
    try {
      binding
          .terminate(deadline)
          .toCompletableFuture()
          .get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP connections did not close within {}: {}", deadline, e.toString());
    }
    try {
      workers.shutdown(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.close();
    publisher.tell(Publisher.Stop.INSTANCE);
  }
}
