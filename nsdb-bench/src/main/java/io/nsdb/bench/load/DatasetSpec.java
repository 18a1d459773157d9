package io.nsdb.bench.load;

import java.time.Instant;

/**
 * The shape of the reference dataset, as {@code gen_data.py} defines it: {@code hosts} series of
 * measurement {@code cpu}, all reporting at the same instants over {@code spanHours} from {@code
 * startMs}, {@code points / hosts} instants in all.
 */
record DatasetSpec(
    long points, int hosts, int regions, int dcsPerRegion, int spanHours, long startMs, long seed) {

  static final long HOUR_MS = 3_600_000L;

  /** The peers' defaults: 10 regions, 3 datacenters each, 3 days from 2024-01-01T00:00Z. */
  static DatasetSpec of(long points, int hosts, long seed) {
    return new DatasetSpec(
        points, hosts, 10, 3, 72, Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(), seed);
  }

  DatasetSpec {
    if (points <= 0 || hosts <= 0 || points % hosts != 0) {
      throw new IllegalArgumentException(
          "points must be a positive multiple of hosts [points="
              + points
              + ", hosts="
              + hosts
              + "]");
    }
    // An integral interval keeps every timestamp exact, as the generator of the peers requires.
    if (spanHours * HOUR_MS % (points / hosts) != 0) {
      throw new IllegalArgumentException(
          "the span must divide into points/hosts instants [span_ms="
              + spanHours * HOUR_MS
              + ", instants="
              + points / hosts
              + "]");
    }
    if (startMs % HOUR_MS != 0) {
      throw new IllegalArgumentException(
          "start must be on a whole hour [start_ms=" + startMs + "]");
    }
  }

  long slots() {
    return points / hosts;
  }

  long spanMs() {
    return spanHours * HOUR_MS;
  }

  long endMs() {
    return startMs + spanMs();
  }

  long intervalMs() {
    return spanMs() / slots();
  }

  /** Host h's tags: region h mod regions, datacenter (h / regions) mod dcsPerRegion. */
  Series series(int h) {
    int width = Math.max(4, Integer.toString(hosts - 1).length());
    int region = h % regions;
    int dc = (h / regions) % dcsPerRegion;
    return new Series(
        "host_" + zeroPadded(h, width), "region_" + region, "dc_" + region + "_" + dc);
  }

  /** The query parameters {@code gen_data.py} derives from the same arguments. */
  QueryParams params() {
    int probeHost = hosts > 16 ? hosts / 2 - 8 : 0;
    long w0 = startMs + (spanMs() / 2) / HOUR_MS * HOUR_MS + HOUR_MS / 2;
    return new QueryParams(
        series(probeHost).host(),
        "region_" + (3 % regions),
        startMs,
        endMs(),
        endMs() - 12 * HOUR_MS,
        w0,
        w0 + HOUR_MS);
  }

  private static String zeroPadded(int value, int width) {
    String digits = Integer.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }
}
