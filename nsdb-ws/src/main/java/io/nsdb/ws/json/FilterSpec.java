package io.nsdb.ws.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import java.util.Locale;
import java.util.Optional;

/**
 * One of NSDb's REST filters: {@code {"dimension": "host", "value": "a", "operator": "="}}, with
 * operators {@code = > >= < <= like} and the value-less {@code ISNULL}, {@code ISNOTNULL}
 * (operators are read case-insensitively; NSDb's own {@code "type"} discriminator is ignored).
 */
public record FilterSpec(String dimension, Operator operator, Optional<Object> value) {

  /** The operators NSDb documents. */
  public enum Operator {
    EQUAL("="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    LIKE("like"),
    IS_NULL("isnull"),
    IS_NOT_NULL("isnotnull");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    static Optional<Operator> parse(String text) {
      String lower = text.trim().toLowerCase(Locale.ROOT);
      for (Operator operator : values()) {
        if (operator.text.equals(lower)) {
          return Optional.of(operator);
        }
      }
      return Optional.empty();
    }

    boolean takesValue() {
      return this != IS_NULL && this != IS_NOT_NULL;
    }
  }

  static FilterSpec fromJson(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ApiException.invalidField(path, "a filter must be an object, not " + Fields.kind(node));
    }
    String dimension = Fields.requiredText(node, "dimension", path + ".");
    String operatorText = Fields.requiredText(node, "operator", path + ".");
    Operator operator =
        Operator.parse(operatorText)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        ApiErrorCode.INVALID_FILTER,
                        "unknown filter operator [field="
                            + path
                            + ".operator, operator="
                            + operatorText
                            + ", expected==, >, >=, <, <=, like, ISNULL, ISNOTNULL]"));
    JsonNode value = node.get("value");
    if (!operator.takesValue()) {
      return new FilterSpec(dimension, operator, Optional.empty());
    }
    if (value == null || value.isNull()) {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_FILTER,
          "the filter needs a value [field=" + path + ".value, operator=" + operatorText + "]");
    }
    Object literal;
    if (value.isTextual()) {
      literal = value.textValue();
    } else if (value.isNumber()) {
      literal = Fields.requireNumber(value, path + ".value");
    } else {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_FILTER,
          "a filter value is a string or a number [field="
              + path
              + ".value, got="
              + Fields.kind(value)
              + "]");
    }
    if (operator == Operator.LIKE && !(literal instanceof String)) {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_FILTER,
          "a like filter takes a string pattern [field=" + path + ".value]");
    }
    return new FilterSpec(dimension, operator, Optional.of(literal));
  }
}
