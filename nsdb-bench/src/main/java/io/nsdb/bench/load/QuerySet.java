package io.nsdb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference queries, from {@code load/queries.json} on the classpath (a copy of the peer
 * benchmark's {@code nsdb-sql.json}), with their {@code {placeholders}} filled in.
 */
final class QuerySet {

  private static final String RESOURCE = "/load/queries.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private QuerySet() {}

  /** Query id → SQL, in id order; keys starting with '_' are comments. */
  static Map<String, String> load(QueryParams params) {
    try (InputStream in = QuerySet.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("query set missing from the classpath [" + RESOURCE + "]");
      }
      JsonNode queries = new ObjectMapper().readTree(in);
      Map<String, String> sql = new LinkedHashMap<>();
      queries
          .properties()
          .forEach(
              query -> {
                if (!query.getKey().startsWith("_")) {
                  sql.put(query.getKey(), fill(query.getValue().asText(), params.placeholders()));
                }
              });
      return sql;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fill(String template, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder sql = new StringBuilder();
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "unknown placeholder [name=" + placeholder.group(1) + ", query=" + template + "]");
      }
      placeholder.appendReplacement(sql, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(sql);
    return sql.toString();
  }
}
