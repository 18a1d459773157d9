package io.nsdb.cluster;

import com.typesafe.config.ConfigException;
import io.nsdb.cluster.config.NodeConfig;
import io.nsdb.core.NsdbException;
import io.nsdb.core.engine.Storage;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.http.NsdbHttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: storage, actor system, HTTP server. Stopping (SIGTERM runs Pekko's coordinated
 * shutdown from the JVM's shutdown hook) goes in order: {@code /status} turns to 503, the port is
 * unbound, requests in flight finish, the workers drain, then the storage seals its head and
 * closes, so the next start replays nothing it need not.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  /** A start that cannot succeed; the message is the one line the user sees. */
  public static final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message);
    }
  }

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final HttpSettings settings;
  private final Path dataDir;

  private Node(
      ActorSystem<Void> system, ServerBinding binding, HttpSettings settings, Path dataDir) {
    this.system = system;
    this.binding = binding;
    this.settings = settings;
    this.dataDir = dataDir;
  }

  public static Node start(NodeConfig config, String version) {
    if (config.queryParallelism() > 0) {
      // Shards are read in parallel on the common pool: its size is the query parallelism.
      System.setProperty(
          "java.util.concurrent.ForkJoinPool.common.parallelism",
          Integer.toString(config.queryParallelism()));
    }
    HttpSettings settings;
    Path dataDir;
    try {
      settings = config.http(version);
      dataDir = config.dataDir().toAbsolutePath().normalize();
    } catch (ConfigException | IllegalArgumentException e) {
      throw new StartException("configuration error: " + e.getMessage());
    }
    requireWritable(dataDir);
    Storage storage = openStorage(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "nsdb", config.raw());
    NsdbHttpServer server;
    ServerBinding binding;
    try {
      server =
          new NsdbHttpServer(
              system,
              storage,
              config.queryLimits(),
              new SqlParser(config.sqlMaxNestingDepth()),
              settings,
              Clock.systemUTC());
      binding = server.bind().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      system.terminate();
      storage.close();
      throw new StartException(bindFailure(settings, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      storage.close();
      throw new StartException("interrupted while starting");
    }
    Duration deadline = config.shutdownDeadline();
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceUnbind(),
        "nsdb-http-stop",
        () ->
            CompletableFuture.supplyAsync(
                () -> {
                  LOG.info("stopping: no new connections, finishing requests in flight");
                  server.stop(binding, deadline);
                  return Done.getInstance();
                }));
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "nsdb-storage-close",
        () ->
            CompletableFuture.supplyAsync(
                () -> {
                  storage.close();
                  LOG.info("storage closed, stopped");
                  return Done.getInstance();
                }));
    return new Node(system, binding, settings, dataDir);
  }

  private static void requireWritable(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new StartException(
          "cannot use the data directory "
              + dataDir
              + ": it is not a writable directory ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); set another with --data-dir or NSDB_DATA_DIR");
    }
  }

  private static Storage openStorage(NodeConfig config) {
    try {
      return Storage.open(config.storage());
    } catch (NsdbException e) {
      Throwable cause = e;
      while (cause != null && !(cause instanceof LockObtainFailedException)) {
        cause = cause.getCause();
      }
      if (cause != null) {
        throw new StartException(
            "the data directory "
                + config.dataDir().toAbsolutePath().normalize()
                + " is in use by another NSDb process; stop it or use another --data-dir");
      }
      throw new StartException("cannot open the storage: " + e.getMessage());
    }
  }

  private static String bindFailure(HttpSettings settings, Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && !(cause instanceof BindException)) {
      cause = cause.getCause();
    }
    String where = settings.bindAddress() + ":" + settings.port();
    if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("in use")) {
      return "cannot listen on "
          + where
          + ": the address is in use (another server on that port?); choose another with"
          + " --http-port or NSDB_HTTP_PORT";
    }
    return "cannot listen on " + where + ": " + cause.getMessage();
  }

  /** Where the node listens and keeps its data: the line printed once it is ready. */
  public String describe() {
    InetSocketAddress address = binding.localAddress();
    String host = address.getAddress().getHostAddress();
    return "NSDb for the JVM "
        + settings.version()
        + " listening on http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + address.getPort()
        + " (advertised as "
        + settings.advertisedHost()
        + ":"
        + settings.advertisedPort()
        + "), data in "
        + dataDir;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** Runs the coordinated shutdown, as SIGTERM does, and waits for it. */
  public void stop() {
    system.terminate();
    awaitTermination();
  }

  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
