package io.nsdb.cluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.ws.http.HttpSettings;
import io.nsdb.ws.stream.StreamSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in defaults (conf/nsdb.conf), and what overrides them. */
class NodeConfigTest {

  @Test
  void httpDefaultsAreThoseOfConfNsdbConf() {
    HttpSettings http = NodeConfig.of(Map.of()).http("v");

    assertEquals("0.0.0.0", http.bindAddress());
    assertEquals(9000, http.port());
    assertEquals("localhost", http.advertisedHost());
    assertEquals(9000, http.advertisedPort());
    assertEquals(Duration.ofSeconds(30), http.requestTimeout());
    assertEquals(16L * 1024 * 1024, http.maxBodyBytes());
    assertEquals(List.of("*"), http.corsAllowedOrigins());
    assertEquals(32, http.workerThreads());
    assertEquals(1024, http.maxQueuedRequests());
    assertEquals("v", http.version());
  }

  @Test
  void storageAndQueryDefaultsAreThoseOfConfNsdbConf() {
    NodeConfig config = NodeConfig.of(Map.of());
    StorageConfig storage = config.storage();

    assertEquals(Path.of("./data"), config.dataDir());
    assertEquals(SyncPolicy.ALWAYS, storage.commitLog().sync());
    assertEquals(Duration.ofMillis(10), storage.commitLog().syncInterval());
    assertEquals(64L * 1024 * 1024, storage.commitLog().segmentSize());
    assertEquals(Duration.ofDays(1), storage.defaultMetricInfo().shardInterval());
    assertEquals(Duration.ZERO, storage.defaultMetricInfo().retention());
    assertEquals(new QueryLimits(1_000_000, Duration.ofSeconds(30)), config.queryLimits());
    assertEquals(0, config.queryParallelism());
    assertEquals(64, config.sqlMaxNestingDepth());
    assertEquals(Duration.ofSeconds(10), config.shutdownDeadline());
  }

  @Test
  void streamDefaultsAreThoseOfConfNsdbConfAndTheServersDefaults() {
    StreamSettings stream = NodeConfig.of(Map.of()).stream();

    assertEquals(StreamSettings.defaults(), stream);
    assertEquals(Duration.ofMillis(100), stream.refreshPeriod());
    assertEquals(1000, stream.retentionSize());
    assertEquals(64 * 1024, stream.maxMessageBytes());
  }

  @Test
  void streamSettingsAreOverridden() {
    StreamSettings stream =
        NodeConfig.of(
            Map.of(
                "nsdb.websocket.refresh-period", 250,
                "nsdb.websocket.max-subscriptions-per-socket", 7,
                "nsdb.websocket.resume-window", "5s"))
            .stream();

    assertEquals(Duration.ofMillis(250), stream.refreshPeriod());
    assertEquals(7, stream.maxSubscriptionsPerSocket());
    assertEquals(Duration.ofSeconds(5), stream.publisher().replayAge());
  }

  @Test
  void overridesWinAndTheAdvertisedPortFollowsThePort() {
    HttpSettings http =
        NodeConfig.of(Map.of("nsdb.http.port", 9100, "nsdb.http.interface", "127.0.0.1")).http("v");

    assertEquals(9100, http.port());
    assertEquals(9100, http.advertisedPort());
    assertEquals("127.0.0.1", http.bindAddress());
  }

  @Test
  void pekkoLimitsFollowTheBodySizeAndRequestTimeout() {
    NodeConfig config =
        NodeConfig.of(
            Map.of("nsdb.http.max-body-size", "1 MiB", "nsdb.http.request-timeout", "5s"));

    assertEquals(
        1024L * 1024, config.raw().getBytes("pekko.http.server.parsing.max-content-length"));
    assertEquals(1024L * 1024, config.raw().getBytes("pekko.http.routing.decode-max-size"));
    // Pekko's timeout is a second longer than the body read, so a stalled upload is our 408.
    assertEquals(
        Duration.ofSeconds(6), config.raw().getDuration("pekko.http.server.request-timeout"));
  }

  @Test
  void badSyncValueIsAConfigErrorNamingTheKey() {
    NodeConfig config = NodeConfig.of(Map.of("nsdb.commit-log.sync", "sometimes"));

    ConfigException error = assertThrows(ConfigException.class, config::storage);

    assertTrue(error.getMessage().contains("nsdb.commit-log.sync"), error.getMessage());
    assertTrue(error.getMessage().contains("always, interval or none"), error.getMessage());
  }

  @Test
  void illTypedValueIsAConfigErrorNamingTheKey() {
    NodeConfig config = NodeConfig.of(Map.of("nsdb.http.port", "nine thousand"));

    ConfigException error = assertThrows(ConfigException.class, () -> config.http("v"));

    assertTrue(error.getMessage().contains("nsdb.http.port"), error.getMessage());
  }

  @Test
  void loadReadsTheFileAndTheCommandLineWinsOverIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nsdb.conf");
    Files.writeString(
        file, "nsdb.http.port = 9300\nnsdb.commit-log.sync = none\nnsdb.query.timeout = 5s\n");

    NodeConfig config =
        NodeConfig.load(CommandLine.parse("--config", file.toString(), "--http-port", "9400"));

    assertEquals(9400, config.http("v").port());
    assertEquals(SyncPolicy.NONE, config.storage().commitLog().sync());
    assertEquals(Duration.ofSeconds(5), config.queryLimits().timeout());
    assertEquals(32, config.http("v").workerThreads(), "unset keys keep the built-in default");
  }

  @Test
  void loadOfAMissingFileSaysWhichFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.conf");

    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> NodeConfig.load(CommandLine.parse("--config", missing.toString())));

    assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
  }
}
