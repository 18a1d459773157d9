package io.nsdb.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The harness's command line; {@link #USAGE} says what each option means. */
record LoadOptions(
    long points,
    int hosts,
    long seed,
    Path data,
    int batch,
    int conns,
    String mode,
    String sync,
    int warmup,
    int runs,
    URI url,
    long pid,
    Path dataDir,
    String serverClasspath,
    List<String> serverJvmOptions,
    Duration startTimeout,
    Duration visibleTimeout,
    boolean keep,
    Path out,
    List<String> args) {

  static final String USAGE =
      """
      Usage: nsdb-bench/load.sh [options]

      Loads the peer benchmark's reference dataset (measurement cpu, tags host/region/datacenter,
      one value field, 3 days from 2024-01-01T00:00Z) into an NSDb server over HTTP, then times
      the six reference queries and checks their answers. Starts the server itself on a free
      loopback port with a fresh data directory unless --url and --pid name a running one.

      Dataset (generated, unless --data):
        --points N           points in all, a multiple of --hosts (default 1000000)
        --hosts H            series, one per host (default 1000)
        --seed S             random walk seed (default 42)
        --data FILE.lp       replay a gen_data.py file instead; its FILE.lp.meta.json gives the
                             query parameters and the expected answers
      Ingest:
        --mode lp|data       POST /write line protocol (lp, default) or POST /data JSON (data)
        --batch N            points per request, cut before the clock starts (default 10000)
        --conns C            concurrent keep-alive connections (default 2)
        --visible-timeout S  seconds to wait for the count query to see every point (default 900)
      Queries:
        --warmup N           untimed runs per query (default 1)
        --runs N             timed runs per query (default 5)
      Server:
        --sync always|interval|none
                             commit log sync policy (NSDB_COMMIT_LOG_SYNC; default: the server's)
        --server-cp CP       classpath of the server (default
                             nsdb-cluster/target/nsdb-cluster-0.1.0-SNAPSHOT.jar:nsdb-cluster/target/lib/*)
        --server-opts "..."  the server's JVM options, space separated (default "-Xmx4g")
        --start-timeout S    seconds to wait for GET /status (default 120)
        --url URL --pid PID  use this running server instead (never stopped); --data-dir DIR
                             names its data directory for the disk figure
        --keep               keep the temporary directory (data and server.log)
      Output:
        --out FILE.json      write the result there too
        --help               show this
      """;

  /** True when the arguments ask for the usage text. */
  static boolean wantsHelp(String[] args) {
    return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
  }

  /** Parses the arguments; throws IllegalArgumentException with a message for bad ones. */
  static LoadOptions parse(String[] args) {
    long points = 1_000_000;
    int hosts = 1_000;
    long seed = 42;
    Path data = null;
    int batch = 10_000;
    int conns = 2;
    String mode = "lp";
    String sync = null;
    int warmup = 1;
    int runs = 5;
    URI url = null;
    long pid = -1;
    Path dataDir = null;
    String serverClasspath =
        "nsdb-cluster/target/nsdb-cluster-0.1.0-SNAPSHOT.jar:nsdb-cluster/target/lib/*";
    List<String> serverJvmOptions = List.of("-Xmx4g");
    Duration startTimeout = Duration.ofSeconds(120);
    Duration visibleTimeout = Duration.ofSeconds(900);
    boolean keep = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--keep")) {
        keep = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value [option=" + option + "]");
      }
      String value = args[++i];
      switch (option) {
        case "--points" -> points = Long.parseLong(value);
        case "--hosts" -> hosts = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--data" -> data = Path.of(value);
        case "--batch" -> batch = Integer.parseInt(value);
        case "--conns" -> conns = Integer.parseInt(value);
        case "--mode" -> mode = oneOf(option, value, "lp", "data");
        case "--sync" -> sync = oneOf(option, value, "always", "interval", "none");
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--url" -> url = URI.create(value);
        case "--pid" -> pid = Long.parseLong(value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--server-cp" -> serverClasspath = value;
        case "--server-opts" ->
            serverJvmOptions =
                Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        case "--start-timeout" -> startTimeout = Duration.ofSeconds(Long.parseLong(value));
        case "--visible-timeout" -> visibleTimeout = Duration.ofSeconds(Long.parseLong(value));
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option [option=" + option + "]");
      }
    }
    if ((url == null) != (pid < 0)) {
      throw new IllegalArgumentException("--url and --pid go together");
    }
    if (conns <= 0 || batch <= 0 || runs <= 0 || warmup < 0) {
      throw new IllegalArgumentException("--conns, --batch and --runs must be positive");
    }
    return new LoadOptions(
        points,
        hosts,
        seed,
        data,
        batch,
        conns,
        mode,
        sync,
        warmup,
        runs,
        url,
        pid,
        dataDir,
        serverClasspath,
        serverJvmOptions,
        startTimeout,
        visibleTimeout,
        keep,
        out,
        List.of(args));
  }

  private static String oneOf(String option, String value, String... allowed) {
    if (!Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(
          "bad value [option="
              + option
              + ", value="
              + value
              + ", allowed="
              + String.join("|", allowed)
              + "]");
    }
    return value;
  }
}
