package io.nsdb.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bodies for {@code POST /data}: {@code {"db":"bench","namespace":"bench","metric":"cpu",
 * "bits":[{"timestamp":..,"value":57.31,"dimensions":{},"tags":{"host":..,"region":..,
 * "datacenter":..}}, ...]}}. Values are written with the two decimals of the line protocol, so both
 * paths carry the same numbers.
 */
final class DataJsonBatches extends RequestBatches {

  private final JsonFactory json = new JsonFactory();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
  private JsonGenerator generator;

  DataJsonBatches(int batchSize) {
    super(batchSize);
  }

  @Override
  void add(Series series, long timestampMs, long hundredths, boolean first) {
    try {
      if (first) {
        generator = json.createGenerator(buffer);
        generator.writeStartObject();
        generator.writeStringField("db", "bench");
        generator.writeStringField("namespace", "bench");
        generator.writeStringField("metric", "cpu");
        generator.writeArrayFieldStart("bits");
      }
      generator.writeStartObject();
      generator.writeNumberField("timestamp", timestampMs);
      generator.writeFieldName("value");
      generator.writeNumber(PointSink.decimal(hundredths));
      generator.writeObjectFieldStart("dimensions");
      generator.writeEndObject();
      generator.writeObjectFieldStart("tags");
      generator.writeStringField("host", series.host());
      generator.writeStringField("region", series.region());
      generator.writeStringField("datacenter", series.datacenter());
      generator.writeEndObject();
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  byte[] endBatch() {
    try {
      generator.writeEndArray();
      generator.writeEndObject();
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body = buffer.toByteArray();
    buffer.reset();
    return body;
  }

  @Override
  String path() {
    return "/data";
  }

  @Override
  String contentType() {
    return "application/json";
  }
}
