package io.nsdb.bench.storage;

import io.nsdb.core.model.Bit;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference dataset of {@code ../shared/bench/gen_data.py}: lines such as {@code
 * cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=53.27 1704067200000} (millisecond
 * timestamps), as bits whose line-protocol tags are tags. Only that generator's simple form is
 * read: no escapes, one {@code value} field. The bench's input, not the server's line protocol.
 */
final class LineProtocolFile {

  private LineProtocolFile() {}

  /** The file's bits in batches of {@code batchSize}, in file order. */
  static List<List<Bit>> read(Path file, int batchSize) throws IOException {
    List<List<Bit>> batches = new ArrayList<>();
    List<Bit> batch = new ArrayList<>(batchSize);
    Map<String, Map<String, Object>> tagsByKey = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int space = line.indexOf(' ');
        int lastSpace = line.lastIndexOf(' ');
        String seriesKey = line.substring(0, space);
        Map<String, Object> tags = tagsByKey.computeIfAbsent(seriesKey, LineProtocolFile::tags);
        String field = line.substring(space + 1, lastSpace);
        if (!field.startsWith("value=")) {
          throw new IOException("unexpected field in " + file + ": " + line);
        }
        double value = Double.parseDouble(field.substring("value=".length()));
        long timestamp = Long.parseLong(line.substring(lastSpace + 1));
        batch.add(new Bit(timestamp, value, Map.of(), tags));
        if (batch.size() == batchSize) {
          batches.add(batch);
          batch = new ArrayList<>(batchSize);
        }
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  private static Map<String, Object> tags(String seriesKey) {
    Map<String, Object> tags = new HashMap<>();
    String[] parts = seriesKey.split(",");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return Map.copyOf(tags);
  }
}
