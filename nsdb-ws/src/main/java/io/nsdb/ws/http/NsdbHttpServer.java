package io.nsdb.ws.http;

import io.nsdb.core.engine.Storage;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.ws.metrics.ServerMetrics;
import io.nsdb.ws.routes.ApiRoutes;
import io.nsdb.ws.service.CatalogService;
import io.nsdb.ws.service.QueryService;
import io.nsdb.ws.service.WorkerPool;
import io.nsdb.ws.service.WriteService;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server over one {@link Storage}: builds the services and routes, binds, and stops in
 * order — refuse new connections, let requests in flight finish (up to a deadline), let queued work
 * drain — before the caller closes the storage.
 */
public final class NsdbHttpServer {

  private static final Logger LOG = LoggerFactory.getLogger(NsdbHttpServer.class);

  private final ClassicActorSystemProvider system;
  private final HttpSettings settings;
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
      Clock clock) {
    this.system = system;
    this.settings = settings;
    this.workers = new WorkerPool(settings.workerThreads(), settings.maxQueuedRequests());
    this.metrics = new ServerMetrics(storage::stats, workers::queued);
    QueryService queries =
        new QueryService(new QueryEngine(storage, limits), parser, workers, metrics, clock);
    WriteService writes = new WriteService(storage, workers, metrics, clock);
    CatalogService catalog = new CatalogService(storage, workers);
    this.routes = new ApiRoutes(settings, queries, writes, catalog, metrics, stopping::get);
  }

  /** Binds to the configured address and port; fails if the port is taken. */
  public CompletionStage<ServerBinding> bind() {
    return Http.get(system)
        .newServerAt(settings.bindAddress(), settings.port())
        .bind(routes.route());
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /**
   * Stops serving: unbinds, gives requests in flight up to {@code deadline} to be answered, then
   * waits for the workers to finish what they had accepted. Writes acknowledged before are durable
   * already; a write still running completes or fails before the storage closes.
   */
  public void stop(ServerBinding binding, Duration deadline) {
    stopping.set(true);
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
  }
}
