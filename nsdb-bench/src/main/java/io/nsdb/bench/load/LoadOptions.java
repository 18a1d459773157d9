package io.nsdb.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The harness's command line; {@link #USAGE} says what each option means. */
record LoadOptions(
    long points,
    int hosts,
    long seed,
    Path data,
    int batch,
    int conns,
    String mode,
    int warmup,
    int runs,
    Duration visibleTimeout,
    ServerOptions server,
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
      """
          + ServerOptions.USAGE
          + """
      Output:
        --out FILE.json      write the result there too
        --help               show this
      """;

  /** Parses the arguments; throws IllegalArgumentException with a message for bad ones. */
  static LoadOptions parse(String[] args) {
    ServerOptions.Parsed parsed = ServerOptions.parse(args);
    long points = 1_000_000;
    int hosts = 1_000;
    long seed = 42;
    Path data = null;
    int batch = 10_000;
    int conns = 2;
    String mode = "lp";
    int warmup = 1;
    int runs = 5;
    Duration visibleTimeout = Duration.ofSeconds(900);
    Path out = null;
    for (Map.Entry<String, String> option : parsed.others()) {
      String value = option.getValue();
      switch (option.getKey()) {
        case "--points" -> points = Long.parseLong(value);
        case "--hosts" -> hosts = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--data" -> data = Path.of(value);
        case "--batch" -> batch = Integer.parseInt(value);
        case "--conns" -> conns = Integer.parseInt(value);
        case "--mode" -> mode = ServerOptions.oneOf(option.getKey(), value, "lp", "data");
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--visible-timeout" -> visibleTimeout = Duration.ofSeconds(Long.parseLong(value));
        case "--out" -> out = Path.of(value);
        default -> throw ServerOptions.unknown(option.getKey());
      }
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
        warmup,
        runs,
        visibleTimeout,
        parsed.server(),
        out,
        List.of(args));
  }
}
