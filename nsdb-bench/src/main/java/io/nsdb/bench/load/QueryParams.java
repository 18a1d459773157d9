package io.nsdb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The parameters of the six reference queries: the probe host (q2, q6), the probe region (q4), the
 * data's range {@code [startMs, endMs)}, the last 12 hours (q3) and the one-hour window of q6, all
 * half-open.
 */
record QueryParams(
    String probeHost,
    String probeRegion,
    long startMs,
    long endMs,
    long last12FromMs,
    long w0Ms,
    long w1Ms) {

  /** The {@code params} object of a {@code gen_data.py} meta file. */
  static QueryParams fromMeta(JsonNode params) {
    return new QueryParams(
        params.get("probe_host").asText(),
        params.get("probe_region").asText(),
        params.get("start_ms").asLong(),
        params.get("end_ms").asLong(),
        params.get("last12_from_ms").asLong(),
        params.get("w0_ms").asLong(),
        params.get("w1_ms").asLong());
  }

  /** The placeholders of the query set, named as in the peers' query files. */
  Map<String, String> placeholders() {
    return Map.of(
        "probe_host", probeHost,
        "probe_region", probeRegion,
        "start_ms", Long.toString(startMs),
        "end_ms", Long.toString(endMs),
        "last12_from_ms", Long.toString(last12FromMs),
        "w0_ms", Long.toString(w0Ms),
        "w1_ms", Long.toString(w1Ms));
  }
}
