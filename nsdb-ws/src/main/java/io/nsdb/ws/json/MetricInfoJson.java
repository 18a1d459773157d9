package io.nsdb.ws.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.ws.http.ApiException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric's info as JSON: NSDb's {@code {db, namespace, metric, shardInterval, retention}} with
 * milliseconds. When set, each duration may also be written as text with a unit ({@code "1d"},
 * {@code "12h"}, {@code "500ms"}); a retention of 0 keeps data forever.
 */
public final class MetricInfoJson {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)?");

  private MetricInfoJson() {}

  public static Map<String, Object> write(MetricKey metric, MetricInfo info) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("db", metric.db());
    body.put("namespace", metric.namespace());
    body.put("metric", metric.metric());
    body.put("shardInterval", info.shardInterval().toMillis());
    body.put("retention", info.retention().toMillis());
    return body;
  }

  /** Reads {@code {"shardInterval": ..., "retention": ...}}, both required. */
  public static MetricInfo read(JsonNode body) {
    return new MetricInfo(duration(body, "shardInterval"), duration(body, "retention"));
  }

  private static Duration duration(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw ApiException.invalidField(field, "missing required field");
    }
    if (node.isNumber()) {
      long millis = Fields.requireLong(node, field);
      if (millis < 0) {
        throw ApiException.invalidField(field, "must not be negative [value=" + millis + "]");
      }
      return Duration.ofMillis(millis);
    }
    if (node.isTextual()) {
      Matcher matcher = DURATION.matcher(node.textValue().trim());
      if (matcher.matches()) {
        try {
          long amount = Long.parseLong(matcher.group(1));
          String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
          return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(Math.multiplyExact(amount, 7));
          };
        } catch (ArithmeticException | NumberFormatException e) {
          // too large: reported below
        }
      }
    }
    throw ApiException.invalidField(
        field,
        "must be milliseconds or a duration such as \"1d\", \"12h\", \"30m\" [value=" + node + "]");
  }
}
