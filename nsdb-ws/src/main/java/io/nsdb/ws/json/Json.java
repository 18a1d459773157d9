package io.nsdb.ws.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import java.io.IOException;

/** The one Jackson configuration of the HTTP layer: reading request trees, writing answers. */
public final class Json {

  // Decimals are read as doubles with Jackson's fast (and exactly rounded) parser: a bit's value
  // is a double anyway, and BigDecimals cost several times more per number.
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Json() {}

  /** Reads a request body; anything that is not one JSON object is a 400 MALFORMED_JSON. */
  public static JsonNode readObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          ApiErrorCode.MALFORMED_JSON,
          "the body is not valid JSON: "
              + e.getOriginalMessage()
              + " [line="
              + e.getLocation().getLineNr()
              + ", column="
              + e.getLocation().getColumnNr()
              + "]");
    } catch (IOException e) {
      throw ApiException.badRequest(ApiErrorCode.MALFORMED_JSON, "the body cannot be read: " + e);
    }
    if (node == null || node.isMissingNode()) {
      throw ApiException.badRequest(
          ApiErrorCode.MALFORMED_JSON, "the body is empty, send a JSON object");
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_REQUEST,
          "the body must be a JSON object [got=" + node.getNodeType().name().toLowerCase() + "]");
    }
    return node;
  }

  /** A query parameter holding a JSON array (the {@code filters} of a GET /query). */
  public static JsonNode readArrayParameter(String name, String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          ApiErrorCode.MALFORMED_JSON,
          "the parameter is not valid JSON: "
              + e.getOriginalMessage()
              + " [parameter="
              + name
              + "]");
    }
    if (node == null || !node.isArray()) {
      throw ApiException.invalidField(name, "must be a JSON array");
    }
    return node;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
    }
  }
}
