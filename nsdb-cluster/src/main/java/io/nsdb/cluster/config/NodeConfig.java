package io.nsdb.cluster.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.io.FileIo;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.stream.Publisher;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.stream.StreamSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A node's configuration, merged from (strongest first) the command line, JVM system properties,
 * the environment ({@code NSDB_*}, through the {@code ${?VAR}} lines of the file), the
 * configuration file, and the built-in copy of {@code conf/nsdb.conf}; then read into the typed
 * settings of each part. A missing or ill-typed key fails the start with a message naming it.
 */
public final class NodeConfig {

  /** {@code conf/nsdb.conf}, copied into the jar at build time: the defaults of every key. */
  static final String BUILT_IN = "nsdb.conf";

  private final Config config;

  private NodeConfig(Config config) {
    this.config = config;
  }

  public static NodeConfig load(CommandLine commandLine) {
    Optional<Path> file =
        commandLine
            .configFile()
            .or(() -> Optional.ofNullable(System.getProperty("config.file")).map(Path::of));
    Config fromFile = ConfigFactory.empty();
    if (file.isPresent()) {
      if (!Files.isReadable(file.get())) {
        throw new ConfigException.Generic(
            "configuration file not found or not readable [file=" + file.get() + "]");
      }
      fromFile = ConfigFactory.parseFile(file.get().toFile());
    }
    return over(
        ConfigFactory.parseMap(commandLine.overrides(), "command line")
            .withFallback(ConfigFactory.systemProperties())
            .withFallback(fromFile));
  }

  /** For tests: the built-in defaults under {@code overrides}. */
  public static NodeConfig of(Map<String, ?> overrides) {
    return over(ConfigFactory.parseMap(overrides, "test"));
  }

  /** {@code settings} over the built-in defaults, resolved, with Pekko's settings derived. */
  private static NodeConfig over(Config settings) {
    Config merged =
        settings
            .withFallback(ConfigFactory.parseResources(NodeConfig.class, "/" + BUILT_IN))
            .resolve();
    return new NodeConfig(withPekkoSettings(merged).withFallback(ConfigFactory.defaultReference()));
  }

  /** Pekko HTTP's own limits follow ours, so a request is judged by one set of numbers. */
  private static Config withPekkoSettings(Config nsdb) {
    long maxBody = nsdb.getBytes("nsdb.http.max-body-size");
    Duration timeout = nsdb.getDuration("nsdb.http.request-timeout");
    return nsdb.withValue(
            "pekko.http.server.parsing.max-content-length", ConfigValueFactory.fromAnyRef(maxBody))
        .withValue("pekko.http.routing.decode-max-size", ConfigValueFactory.fromAnyRef(maxBody))
        .withValue(
            "pekko.http.server.request-timeout",
            // A second more than the body read (which uses the timeout itself), so that a stalled
            // upload is always our 408 and only slow work hits Pekko's 503.
            ConfigValueFactory.fromAnyRef(timeout.toMillis() + 1000 + "ms"))
        .withValue(
            "pekko.coordinated-shutdown.phases.service-unbind.timeout",
            ConfigValueFactory.fromAnyRef(
                (nsdb.getDuration("nsdb.http.shutdown-deadline").toMillis() * 2 + 5000) + "ms"))
        .withValue(
            "pekko.coordinated-shutdown.phases.before-actor-system-terminate.timeout",
            ConfigValueFactory.fromAnyRef("120s"))
        .withValue(
            "pekko.http.server.idle-timeout",
            ConfigValueFactory.fromAnyRef(Math.max(60_000, timeout.toMillis() * 2) + "ms"));
  }

  /** Everything, Pekko's settings included, for the actor system. */
  public Config raw() {
    return config;
  }

  public Path dataDir() {
    return Path.of(config.getString("nsdb.storage.data-dir"));
  }

  public StorageConfig storage() {
    String sync = config.getString("nsdb.commit-log.sync").toUpperCase(Locale.ROOT);
    SyncPolicy policy;
    try {
      policy = SyncPolicy.valueOf(sync);
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(
          "nsdb.commit-log.sync", "must be always, interval or none, not '" + sync + "'");
    }
    CommitLogConfig commitLog =
        new CommitLogConfig(
            policy,
            config.getDuration("nsdb.commit-log.sync-interval"),
            config.getBytes("nsdb.commit-log.segment-size"),
            FileIo.nio());
    return new StorageConfig(
        dataDir(),
        commitLog,
        new MetricInfo(
            config.getDuration("nsdb.sharding.interval"),
            config.getDuration("nsdb.retention.default")),
        config.getInt("nsdb.head.chunk-max-points"),
        config.getDuration("nsdb.head.flush-interval"),
        config.getDuration("nsdb.storage-maintenance.commit-interval"),
        config.getDuration("nsdb.storage-maintenance.refresh-interval"),
        config.getDuration("nsdb.retention.check-interval"),
        Clock.systemUTC());
  }

  public QueryLimits queryLimits() {
    return new QueryLimits(
        config.getInt("nsdb.query.max-result-rows"), config.getDuration("nsdb.query.timeout"));
  }

  /** Threads for reading shards in parallel; 0 leaves the JVM's choice (the cores). */
  public int queryParallelism() {
    return config.getInt("nsdb.query.parallelism");
  }

  public int sqlMaxNestingDepth() {
    return config.getInt("nsdb.sql.max-nesting-depth");
  }

  public HttpSettings http(String version) {
    return new HttpSettings(
        config.getString("nsdb.http.interface"),
        config.getInt("nsdb.http.port"),
        config.getString("nsdb.http.advertised-host"),
        config.getInt("nsdb.http.advertised-port"),
        config.getDuration("nsdb.http.request-timeout"),
        config.getBytes("nsdb.http.max-body-size"),
        config.getStringList("nsdb.http.cors.allowed-origins"),
        config.getInt("nsdb.http.worker-threads"),
        config.getInt("nsdb.http.max-queued-requests"),
        version);
  }

  public StreamSettings stream() {
    return new StreamSettings(
        Duration.ofMillis(config.getLong("nsdb.websocket.refresh-period")),
        config.getInt("nsdb.websocket.retention-size"),
        config.getInt("nsdb.websocket.max-retention-size"),
        config.getInt("nsdb.websocket.max-subscriptions-per-socket"),
        config.getInt("nsdb.websocket.max-connections"),
        (int) Math.min(Integer.MAX_VALUE, config.getBytes("nsdb.websocket.max-message-size")),
        config.getInt("nsdb.websocket.history-chunk-records"),
        config.getInt("nsdb.websocket.outbox-size"),
        config.getDuration("nsdb.websocket.ping-interval"),
        config.getDuration("nsdb.websocket.idle-timeout"),
        new Publisher.Settings(
            config.getDuration("nsdb.websocket.publisher-tick"),
            config.getInt("nsdb.websocket.unacknowledged-frames"),
            config.getInt("nsdb.websocket.slow-consumer-periods"),
            config.getInt("nsdb.websocket.resume-window-size"),
            config.getDuration("nsdb.websocket.resume-window")),
        config.getLong("nsdb.websocket.publisher-backlog"));
  }

  /** How long the JIT is warmed on a scratch dataset before the node serves; 0 skips it. */
  public Duration warmUp() {
    return config.getDuration("nsdb.startup.warm-up");
  }

  public Duration shutdownDeadline() {
    return config.getDuration("nsdb.http.shutdown-deadline");
  }
}
