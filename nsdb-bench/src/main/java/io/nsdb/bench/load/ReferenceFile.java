package io.nsdb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dataset written by the peers' {@code gen_data.py}: {@code FILE.lp} and its {@code
 * FILE.lp.meta.json}, which holds the query parameters and the expected answers the peers were
 * checked against. Replaying it makes our figures stand on the peers' very data. Only that
 * generator's simple form is read: three tags, one {@code value} field with two decimals, no
 * escapes.
 */
record ReferenceFile(
    Path file,
    long points,
    int hosts,
    QueryParams params,
    Map<String, ExpectedAnswers.Answer> expected) {

  static ReferenceFile open(Path file) throws IOException {
    Path metaFile = Path.of(file + ".meta.json");
    if (!Files.isRegularFile(metaFile)) {
      throw new IOException("no meta file beside the data [expected=" + metaFile + "]");
    }
    JsonNode meta = new ObjectMapper().readTree(metaFile.toFile());
    Map<String, ExpectedAnswers.Answer> expected = new LinkedHashMap<>();
    meta.get("expected")
        .properties()
        .forEach(
            entry ->
                expected.put(
                    entry.getKey(),
                    new ExpectedAnswers.Answer(
                        entry.getValue().get("rows").asLong(),
                        entry.getValue().get("sum").asDouble())));
    return new ReferenceFile(
        file,
        meta.get("points").asLong(),
        meta.get("hosts").asInt(),
        QueryParams.fromMeta(meta.get("params")),
        Map.copyOf(expected));
  }

  /** Reads every line, in order, into the sink. */
  void read(PointSink sink) throws IOException {
    Map<String, Series> seriesByKey = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        int space = line.indexOf(' ');
        int lastSpace = line.lastIndexOf(' ');
        if (space < 0 || lastSpace == space || !line.startsWith("value=", space + 1)) {
          throw new IOException("unexpected line [file=" + file + ", line=" + lineNumber + "]");
        }
        Series series =
            seriesByKey.computeIfAbsent(line.substring(0, space), ReferenceFile::parseSeries);
        long hundredths = parseHundredths(line.substring(space + 7, lastSpace));
        sink.point(series, Long.parseLong(line, lastSpace + 1, line.length(), 10), hundredths);
      }
    }
    sink.finish();
  }

  private static Series parseSeries(String key) {
    Map<String, String> tags = new HashMap<>();
    String[] parts = key.split(",");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return new Series(tags.get("host"), tags.get("region"), tags.get("datacenter"));
  }

  /** "53.27" → 5327; the generator always writes two decimals. */
  static long parseHundredths(String decimal) {
    int dot = decimal.indexOf('.');
    if (dot < 0 || decimal.length() - dot != 3 || decimal.startsWith("-")) {
      throw new NumberFormatException("not a two-decimal value [value=" + decimal + "]");
    }
    return Long.parseLong(decimal, 0, dot, 10) * 100
        + Long.parseLong(decimal, dot + 1, decimal.length(), 10);
  }
}
