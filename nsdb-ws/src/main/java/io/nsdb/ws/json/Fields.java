package io.nsdb.ws.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.ws.http.ApiException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the fields of a request object, each problem a 400 INVALID_REQUEST naming the field's path
 * ({@code bits[3].value}). Fields a route does not know are ignored, as NSDb's clients send some of
 * their own (e.g. {@code uniqueValues} in a bit).
 */
public final class Fields {

  private Fields() {}

  public static String requiredText(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      throw ApiException.invalidField(path + name, "missing required field");
    }
    if (!node.isTextual()) {
      throw ApiException.invalidField(path + name, "must be a string, not " + kind(node));
    }
    return node.textValue();
  }

  public static Optional<String> optionalText(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw ApiException.invalidField(path + name, "must be a string, not " + kind(node));
    }
    return Optional.of(node.textValue());
  }

  public static OptionalLong optionalLong(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(requireLong(node, path + name));
  }

  public static boolean optionalBoolean(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw ApiException.invalidField(path + name, "must be true or false, not " + kind(node));
    }
    return node.booleanValue();
  }

  /** An integral JSON number that fits 64 bits (an epoch-millisecond timestamp, a count). */
  public static long requireLong(JsonNode node, String field) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      BigDecimal decimal = node.decimalValue();
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        throw ApiException.invalidField(
            field, "must be a whole number within 64 bits [value=" + node.asText() + "]");
      }
    }
    throw ApiException.invalidField(field, "must be a whole number, not " + kind(node));
  }

  /**
   * A JSON number as the engine's value types: a whole number that fits 64 bits is a Long, any
   * other a Double ({@code 2.0} stays a Double, as the client wrote a decimal).
   */
  public static Number requireNumber(JsonNode node, String field) {
    if (!node.isNumber()) {
      throw ApiException.invalidField(field, "must be a number, not " + kind(node));
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw ApiException.invalidField(
            field, "whole number does not fit 64 bits [value=" + node.asText() + "]");
      }
      return node.longValue();
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw ApiException.invalidField(
          field, "number is out of range [value=" + node.asText() + "]");
    }
    return value;
  }

  /** How a node is named in messages: "a string", "an array", ... */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
