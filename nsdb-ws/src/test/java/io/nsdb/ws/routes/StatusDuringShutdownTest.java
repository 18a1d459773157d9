package io.nsdb.ws.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.core.stream.Publisher;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.metrics.ServerMetrics;
import io.nsdb.ws.service.CatalogService;
import io.nsdb.ws.service.QueryService;
import io.nsdb.ws.service.SubscriptionService;
import io.nsdb.ws.service.WorkerPool;
import io.nsdb.ws.service.WriteService;
import io.nsdb.ws.stream.StreamRoutes;
import io.nsdb.ws.stream.StreamSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /status turns to 503 STOPPING once shutdown begins, so a load balancer stops sending. The
 * routes are bound with the shutdown flag in the test's hands: the real server sets it and unbinds
 * at once, leaving no moment a request could deterministically observe.
 */
class StatusDuringShutdownTest {

  @Test
  void statusIs503StoppingOnceShutdownBegan(@TempDir Path dir) throws Exception {
    AtomicBoolean stopping = new AtomicBoolean();
    Storage storage = Storage.open(StorageConfig.defaults(dir));
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "status-test", ConfigFactory.defaultReference());
    try (WorkerPool workers = new WorkerPool(1, 4)) {
      HttpSettings settings =
          new HttpSettings(
              "127.0.0.1", 0, "localhost", 0, Duration.ofSeconds(10), 1024, List.of(), 1, 4, "v");
      ServerMetrics metrics = new ServerMetrics(storage::stats, workers::queued);
      QueryEngine engine = new QueryEngine(storage, QueryLimits.DEFAULTS);
      QueryService queries =
          new QueryService(engine, new SqlParser(64), workers, metrics, Clock.systemUTC());
      ActorRef<Publisher.Command> publisher =
          system.systemActorOf(
              Publisher.create(Publisher.Settings.defaults(), Clock.systemUTC()),
              "publisher",
              Props.empty());
      StreamRoutes streams =
          new StreamRoutes(
              StreamSettings.defaults(),
              new SubscriptionService(
                  storage, engine, queries, workers, publisher, Clock.systemUTC()),
              queries,
              publisher,
              system,
              metrics);
      ApiRoutes routes =
          new ApiRoutes(
              settings,
              queries,
              new WriteService(storage, workers, metrics, Clock.systemUTC()),
              new CatalogService(storage, workers),
              streams,
              metrics,
              stopping::get);
      ServerBinding binding =
          Http.get(system)
              .newServerAt("127.0.0.1", 0)
              .bind(routes.route())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest status =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/status"))
              .timeout(Duration.ofSeconds(10))
              .build();

      HttpResponse<String> running = client.send(status, HttpResponse.BodyHandlers.ofString());
      stopping.set(true);
      HttpResponse<String> stopped = client.send(status, HttpResponse.BodyHandlers.ofString());

      assertEquals(200, running.statusCode());
      assertEquals("RUNNING", running.body());
      assertEquals(503, stopped.statusCode());
      assertEquals("STOPPING", stopped.body());
      binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
      storage.close();
    }
  }
}
