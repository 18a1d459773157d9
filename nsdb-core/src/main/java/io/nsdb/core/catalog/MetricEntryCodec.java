package io.nsdb.core.catalog;

import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.Column;
import io.nsdb.core.schema.ColumnKind;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The payload of a metric's {@code .meta} file (see the package documentation). */
final class MetricEntryCodec {

  static final String FORMAT = "metric";
  static final int VERSION = 1;

  private MetricEntryCodec() {}

  static byte[] encode(MetricKey metric, MetricEntry entry) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(metric.db());
      out.writeUTF(metric.namespace());
      out.writeUTF(metric.metric());
      Map<String, Column> columns = entry.schema().map(Schema::columns).orElse(Map.of());
      out.writeUTF(entry.schema().map(s -> s.valueType().name()).orElse(""));
      out.writeInt(columns.size());
      for (Column column : columns.values()) {
        out.writeUTF(column.name());
        out.writeUTF(column.type().name());
        out.writeUTF(column.kind().name());
      }
      out.writeBoolean(entry.info().isPresent());
      if (entry.info().isPresent()) {
        out.writeLong(entry.info().get().shardInterval().toMillis());
        out.writeLong(entry.info().get().retention().toMillis());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MetricEntry decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    MetricKey metric = new MetricKey(in.readUTF(), in.readUTF(), in.readUTF());
    String valueType = in.readUTF();
    int count = in.readInt();
    Map<String, Column> columns = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Column column =
          new Column(
              in.readUTF(), ColumnType.valueOf(in.readUTF()), ColumnKind.valueOf(in.readUTF()));
      columns.put(column.name(), column);
    }
    Optional<Schema> schema =
        valueType.isEmpty()
            ? Optional.empty()
            : Optional.of(new Schema(metric, ColumnType.valueOf(valueType), columns));
    Optional<MetricInfo> info =
        in.readBoolean()
            ? Optional.of(
                new MetricInfo(Duration.ofMillis(in.readLong()), Duration.ofMillis(in.readLong())))
            : Optional.empty();
    return new MetricEntry(schema, info);
  }
}
