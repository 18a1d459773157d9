package io.nsdb.ws.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * NSDb's query body: {@code {db, namespace, metric?, queryString, from?, to?, filters?, parsed?}}.
 * {@code metric} is optional (the statement's FROM names it); when given it must agree. {@code
 * from}/{@code to} bound {@code timestamp} inclusively, either or both; {@code filters} are AND-ed
 * to the statement's WHERE; {@code parsed} adds the parsed statement to the answer.
 */
public record QueryRequest(
    String db,
    String namespace,
    Optional<String> metric,
    String queryString,
    OptionalLong from,
    OptionalLong to,
    List<FilterSpec> filters,
    boolean parsed) {

  public QueryRequest {
    filters = List.copyOf(filters);
  }

  /** From a POST body. */
  public static QueryRequest fromJson(JsonNode body) {
    List<FilterSpec> filters = new ArrayList<>();
    JsonNode filterArray = body.get("filters");
    if (filterArray != null && !filterArray.isNull()) {
      if (!filterArray.isArray()) {
        throw ApiException.invalidField(
            "filters", "must be an array of filters, not " + Fields.kind(filterArray));
      }
      for (int i = 0; i < filterArray.size(); i++) {
        filters.add(FilterSpec.fromJson(filterArray.get(i), "filters[" + i + "]"));
      }
    }
    return new QueryRequest(
        Fields.requiredText(body, "db", ""),
        Fields.requiredText(body, "namespace", ""),
        Fields.optionalText(body, "metric", ""),
        Fields.requiredText(body, "queryString", ""),
        Fields.optionalLong(body, "from", ""),
        Fields.optionalLong(body, "to", ""),
        filters,
        Fields.optionalBoolean(body, "parsed", ""));
  }

  /**
   * From the parameters of a GET: the same names ({@code q} also names the statement), {@code
   * filters} as a JSON array in one parameter.
   */
  public static QueryRequest fromParameters(Map<String, String> parameters) {
    var body = Json.MAPPER.createObjectNode();
    for (String name : List.of("db", "namespace", "metric")) {
      String value = parameters.get(name);
      if (value != null) {
        body.put(name, value);
      }
    }
    String statement = parameters.getOrDefault("queryString", parameters.get("q"));
    if (statement != null) {
      body.put("queryString", statement);
    }
    for (String name : List.of("from", "to")) {
      String value = parameters.get(name);
      if (value != null) {
        try {
          body.put(name, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
          throw ApiException.invalidField(
              name, "must be an epoch-millisecond whole number [value=" + value + "]");
        }
      }
    }
    String filters = parameters.get("filters");
    if (filters != null) {
      body.set("filters", Json.readArrayParameter("filters", filters));
    }
    String parsed = parameters.get("parsed");
    if (parsed != null) {
      if (!parsed.equals("true") && !parsed.equals("false")) {
        throw ApiException.invalidField("parsed", "must be true or false [value=" + parsed + "]");
      }
      body.put("parsed", Boolean.parseBoolean(parsed));
    }
    return fromJson(body);
  }
}
