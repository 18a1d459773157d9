package io.nsdb.bench.streamload;

import io.nsdb.bench.load.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The streaming harness's command line; {@link #USAGE} says what each option means. */
record StreamLoadOptions(
    int sockets,
    int subscriptions,
    int rate,
    int durationSeconds,
    int refreshMillis,
    int retention,
    int batch,
    int writers,
    int clientThreads,
    int wsClients,
    Duration drainTimeout,
    ServerOptions server,
    Path out,
    List<String> args) {

  static final String USAGE =
      """
      Usage: nsdb-bench/stream-load.sh [options]

      End to end load of continuous queries: opens --sockets WebSockets to /ws-stream, each
      subscribing --subs queries "select * from stream_load where host = 'h<i>'" (a distinct host
      per subscription), then inserts --rate points/s for --duration s over POST /write, hosts
      round robin, each point's value its sequence number. Measures insert-to-frame latency per
      record, checks every point was received exactly once or counted as dropped, and reports the
      server's CPU and heap. Starts the server on a free loopback port with a fresh data directory
      unless --url and --pid name a running one.

      Streams:
        --sockets N          WebSocket connections (default 1000)
        --subs S             subscriptions per socket (default 10); N*S hosts in all
        --refresh MS         refresh_period of every socket (default 100)
        --retention K        retention_size of every socket (default 10000)
      Inserts:
        --rate P             points per second (default 100000)
        --duration D         seconds of inserts (default 60)
        --batch B            points per POST /write, paced on batch boundaries (default 1000)
        --writers W          concurrent writer connections (default 4)
      Client:
        --client-threads T   threads that read the sockets (default 2)
        --ws-clients C       HttpClients the sockets are spread over (default 2)
        --drain-timeout S    seconds to wait after the last insert for the last frames (default 30)
      """
          + ServerOptions.USAGE
          + """
      Output:
        --out FILE.json      write the figures there too
        --help               show this
      """;

  /** The whole-number options, in the order of the record's first components, with defaults. */
  private static final List<String> COUNTS =
      List.of(
          "--sockets",
          "--subs",
          "--rate",
          "--duration",
          "--refresh",
          "--retention",
          "--batch",
          "--writers",
          "--client-threads",
          "--ws-clients");

  /** Parses the arguments; throws IllegalArgumentException with a message for bad ones. */
  static StreamLoadOptions parse(String[] args) {
    ServerOptions.Parsed parsed = ServerOptions.parse(args);
    int[] counts = {1000, 10, 100_000, 60, 100, 10_000, 1000, 4, 2, 2};
    long drainSeconds = 30;
    Path out = null;
    for (Map.Entry<String, String> option : parsed.others()) {
      int slot = COUNTS.indexOf(option.getKey());
      if (slot >= 0) {
        counts[slot] = positive(option.getKey(), option.getValue());
      } else if (option.getKey().equals("--drain-timeout")) {
        drainSeconds = positive(option.getKey(), option.getValue());
      } else if (option.getKey().equals("--out")) {
        out = Path.of(option.getValue());
      } else {
        throw ServerOptions.unknown(option.getKey());
      }
    }
    return new StreamLoadOptions(
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        counts[5],
        counts[6],
        counts[7],
        counts[8],
        counts[9],
        Duration.ofSeconds(drainSeconds),
        parsed.server(),
        out,
        List.of(args));
  }

  /** Hosts in all: one per subscription. */
  int hosts() {
    return sockets * subscriptions;
  }

  /** Batches in the run: enough for rate × duration points, whole batches only. */
  int batches() {
    return (int) Math.max(1, ((long) rate * durationSeconds + batch - 1) / batch);
  }

  private static int positive(String option, String value) {
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a number [option=" + option + ", value=" + value + "]", e);
    }
    if (parsed <= 0) {
      throw new IllegalArgumentException(
          "must be positive [option=" + option + ", value=" + value + "]");
    }
    return parsed;
  }
}
