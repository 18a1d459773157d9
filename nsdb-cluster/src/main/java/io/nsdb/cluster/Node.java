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
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  /** The file in the data directory whose lock says a node uses it. */
  static final String LOCK_FILE = "nsdb.lock";

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
    requirePortFree(settings);
    FileChannel lock = lockDataDir(dataDir);
    Storage storage;
    try {
      storage = openStorage(config);
    } catch (RuntimeException e) {
      release(lock);
      throw e;
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "nsdb", config.raw());
    NsdbHttpServer server;
    ServerBinding binding;
    try {
      WarmUp.run(system, settings, config.warmUp());
      server =
          new NsdbHttpServer(
              system,
              storage,
              config.queryLimits(),
              new SqlParser(config.sqlMaxNestingDepth()),
              settings,
              config.stream(),
              Clock.systemUTC());
      binding = server.bind().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      system.terminate();
      storage.close();
      release(lock);
      throw new StartException(bindFailure(settings, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      storage.close();
      release(lock);
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
                  release(lock);
                  LOG.info("storage closed, stopped");
                  return Done.getInstance();
                }));
    return new Node(system, binding, settings, dataDir);
  }

  /**
   * Fails at once when the port is taken, rather than after opening the storage and warming up; the
   * bind itself still reports a port taken in between.
   */
  private static void requirePortFree(HttpSettings settings) {
    if (settings.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(settings.bindAddress(), settings.port()));
    } catch (IOException e) {
      throw new StartException(bindFailure(settings, e));
    }
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

  /**
   * Locks {@code dataDir/nsdb.lock} for as long as the node runs, so that a second node (in this
   * process or another) cannot open the same data and corrupt its commit log. The storage itself
   * takes no lock: only Lucene's shard indexes have theirs, and a fresh directory has none.
   */
  private static FileChannel lockDataDir(Path dataDir) {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartException("cannot lock the data directory " + dataDir + ": " + e.getMessage());
    }
    try {
      if (channel.tryLock() != null) {
        return channel;
      }
    } catch (OverlappingFileLockException e) {
      // held by another node in this JVM
    } catch (IOException e) {
      release(channel);
      throw new StartException("cannot lock the data directory " + dataDir + ": " + e.getMessage());
    }
    release(channel);
    throw new StartException(
        "the data directory "
            + dataDir
            + " is in use by another NSDb process; stop it or use another --data-dir");
  }

  private static void release(FileChannel lock) {
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("cannot release the data directory lock: {}", e.toString());
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
    // The address as configured (0.0.0.0 reads better than the socket's [0:0:0:0:0:0:0:0]).
    String host = settings.bindAddress();
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
