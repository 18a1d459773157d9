package io.nsdb.ws.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.model.Bit;
import io.nsdb.ws.http.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NSDb's JSON bit, {@code {"timestamp": 1, "value": 0.5, "dimensions": {..}, "tags": {..}}}, read
 * into a {@link Bit}. Column values are strings or numbers (whole numbers are BIGINT, others
 * DECIMAL); a null column value means the bit does not have that column. {@code timestamp} and
 * {@code value} are required; other fields are ignored.
 */
public final class BitJson {

  private BitJson() {}

  public static List<Bit> readAll(JsonNode array, String path) {
    if (!array.isArray()) {
      throw ApiException.invalidField(path, "must be an array of bits, not " + Fields.kind(array));
    }
    if (array.isEmpty()) {
      throw ApiException.invalidField(path, "must hold at least one bit");
    }
    List<Bit> bits = new ArrayList<>(array.size());
    Map<Map<String, Object>, Map<String, Object>> shared = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      bits.add(read(array.get(i), path + "[" + i + "]", shared));
    }
    return bits;
  }

  public static Bit read(JsonNode node, String path) {
    return read(node, path, new HashMap<>());
  }

  /**
   * {@code shared} holds the column maps already read in this request: a bit whose dimensions or
   * tags equal an earlier bit's gets that bit's map instance, so a batch of one series carries one
   * map and the engine's per-series lookups (schema, series key, commit-log names) compare
   * instances and cached hashes instead of fresh strings.
   */
  private static Bit read(
      JsonNode node, String path, Map<Map<String, Object>, Map<String, Object>> shared) {
    if (!node.isObject()) {
      throw ApiException.invalidField(path, "must be an object, not " + Fields.kind(node));
    }
    JsonNode timestamp = node.get("timestamp");
    if (timestamp == null || timestamp.isNull()) {
      throw ApiException.invalidField(path + ".timestamp", "missing required field");
    }
    JsonNode value = node.get("value");
    if (value == null || value.isNull()) {
      throw ApiException.invalidField(path + ".value", "missing required field");
    }
    long millis = Fields.requireLong(timestamp, path + ".timestamp");
    Number number = Fields.requireNumber(value, path + ".value");
    Map<String, Object> dimensions =
        share(columns(node.get("dimensions"), path + ".dimensions"), shared);
    Map<String, Object> tags = share(columns(node.get("tags"), path + ".tags"), shared);
    try {
      return new Bit(millis, number, dimensions, tags);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(path, e.getMessage());
    }
  }

  private static Map<String, Object> share(
      Map<String, Object> columns, Map<Map<String, Object>, Map<String, Object>> shared) {
    if (columns.isEmpty()) {
      return Map.of();
    }
    return shared.computeIfAbsent(columns, Map::copyOf);
  }

  private static Map<String, Object> columns(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw ApiException.invalidField(path, "must be an object, not " + Fields.kind(node));
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> column : node.properties()) {
      JsonNode value = column.getValue();
      String field = path + "." + column.getKey();
      if (value.isNull()) {
        continue;
      }
      if (value.isTextual()) {
        columns.put(column.getKey(), value.textValue());
      } else if (value.isNumber()) {
        columns.put(column.getKey(), Fields.requireNumber(value, field));
      } else {
        throw ApiException.invalidField(
            field, "a column value must be a string or a number, not " + Fields.kind(value));
      }
    }
    return columns;
  }
}
