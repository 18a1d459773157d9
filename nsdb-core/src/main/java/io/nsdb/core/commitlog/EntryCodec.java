package io.nsdb.core.commitlog;

import io.nsdb.core.commitlog.Bytes.MalformedException;
import io.nsdb.core.commitlog.LogEntry.Delete;
import io.nsdb.core.commitlog.LogEntry.DropMetric;
import io.nsdb.core.commitlog.LogEntry.DropNamespace;
import io.nsdb.core.commitlog.LogEntry.Insert;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Record types and payloads of {@link LogEntry}; the layout is in {@code package-info.java}. */
final class EntryCodec {

  static final int INSERT = 1;
  static final int DELETE = 2;
  static final int DROP_METRIC = 3;
  static final int DROP_NAMESPACE = 4;

  private static final int VARCHAR = 0;
  private static final int INT = 1;
  private static final int BIGINT = 2;
  private static final int DECIMAL = 3;

  private EntryCodec() {}

  static int type(LogEntry entry) {
    return switch (entry) {
      case Insert i -> INSERT;
      case Delete d -> DELETE;
      case DropMetric d -> DROP_METRIC;
      case DropNamespace d -> DROP_NAMESPACE;
    };
  }

  static boolean isType(int type) {
    return type >= INSERT && type <= DROP_NAMESPACE;
  }

  static void writePayload(LogEntry entry, Bytes.Out out) {
    switch (entry) {
      case Insert(MetricKey metric, List<Bit> bits) -> {
        writeMetric(metric, out);
        writeBits(bits, out);
      }
      case Delete(MetricKey metric, String whereSql) -> {
        writeMetric(metric, out);
        out.writeString(whereSql);
      }
      case DropMetric(MetricKey metric) -> writeMetric(metric, out);
      case DropNamespace(String db, String namespace) -> {
        out.writeString(db);
        out.writeString(namespace);
      }
    }
  }

  /**
   * Decodes a payload that passed its checksum.
   *
   * @throws MalformedException if it does not decode to exactly one valid entry of {@code lsnCount}
   *     LSNs
   */
  static LogEntry readPayload(int type, int lsnCount, Bytes.In in) {
    LogEntry entry;
    try {
      entry =
          switch (type) {
            case INSERT -> new Insert(readMetric(in), readBits(lsnCount, in));
            case DELETE -> new Delete(readMetric(in), in.readString());
            case DROP_METRIC -> new DropMetric(readMetric(in));
            case DROP_NAMESPACE -> new DropNamespace(in.readString(), in.readString());
            default -> throw new MalformedException("unknown record type [type=" + type + "]");
          };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedException("invalid entry: " + e.getMessage());
    }
    if (entry.lsnCount() != lsnCount) {
      throw new MalformedException(
          "LSN count differs from the entry [count="
              + lsnCount
              + ", entry="
              + entry.lsnCount()
              + "]");
    }
    if (in.remaining() != 0) {
      throw new MalformedException("bytes left after the entry [bytes=" + in.remaining() + "]");
    }
    return entry;
  }

  private static void writeMetric(MetricKey metric, Bytes.Out out) {
    out.writeString(metric.db());
    out.writeString(metric.namespace());
    out.writeString(metric.metric());
  }

  private static MetricKey readMetric(Bytes.In in) {
    return new MetricKey(in.readString(), in.readString(), in.readString());
  }

  private static void writeBits(List<Bit> bits, Bytes.Out out) {
    // Column names and string values go once into a table; bits refer to them by index.
    Map<String, Integer> table = new HashMap<>();
    List<String> strings = new ArrayList<>();
    // Writers share one map per series across its bits: each map instance is collected and encoded
    // once (a string's index never changes once given), then its bytes are copied for every bit.
    Map<Map<String, Object>, byte[]> encoded = new IdentityHashMap<>();
    for (Bit bit : bits) {
      encodeOnce(bit.dimensions(), table, strings, encoded);
      encodeOnce(bit.tags(), table, strings, encoded);
    }
    out.writeVarLong(strings.size());
    for (String s : strings) {
      out.writeString(s);
    }
    long previous = 0;
    for (Bit bit : bits) {
      out.writeZigZag(bit.timestamp() - previous); // wraps on overflow, and unwraps on reading
      previous = bit.timestamp();
      boolean decimal = bit.value() instanceof Double;
      out.writeVarLong(((long) bit.dimensions().size() << 1) | (decimal ? 1 : 0));
      out.writeVarLong(bit.tags().size());
      if (decimal) {
        out.writeLong(Double.doubleToRawLongBits(bit.value().doubleValue()));
      } else {
        out.writeZigZag(bit.value().longValue());
      }
      if (!bit.dimensions().isEmpty()) {
        out.writeBytes(encoded.get(bit.dimensions()));
      }
      if (!bit.tags().isEmpty()) {
        out.writeBytes(encoded.get(bit.tags()));
      }
    }
  }

  private static void encodeOnce(
      Map<String, Object> columns,
      Map<String, Integer> table,
      List<String> strings,
      Map<Map<String, Object>, byte[]> encoded) {
    if (columns.isEmpty() || encoded.containsKey(columns)) {
      return;
    }
    collect(columns, table, strings);
    Bytes.Out out = new Bytes.Out(32);
    writeColumns(columns, table, out);
    encoded.put(columns, Arrays.copyOf(out.array(), out.size()));
  }

  private static void collect(
      Map<String, Object> columns, Map<String, Integer> table, List<String> strings) {
    for (Map.Entry<String, Object> column : columns.entrySet()) {
      intern(column.getKey(), table, strings);
      if (column.getValue() instanceof String s) {
        intern(s, table, strings);
      }
    }
  }

  private static void intern(String s, Map<String, Integer> table, List<String> strings) {
    if (table.putIfAbsent(s, strings.size()) == null) {
      strings.add(s);
    }
  }

  private static void writeColumns(
      Map<String, Object> columns, Map<String, Integer> table, Bytes.Out out) {
    for (Map.Entry<String, Object> column : columns.entrySet()) {
      long name = table.get(column.getKey());
      switch (column.getValue()) {
        case String s -> {
          out.writeVarLong(name << 2 | VARCHAR);
          out.writeVarLong(table.get(s));
        }
        case Integer i -> {
          out.writeVarLong(name << 2 | INT);
          out.writeZigZag(i);
        }
        case Long l -> {
          out.writeVarLong(name << 2 | BIGINT);
          out.writeZigZag(l);
        }
        case Double d -> {
          out.writeVarLong(name << 2 | DECIMAL);
          out.writeLong(Double.doubleToRawLongBits(d));
        }
        default ->
            throw new IllegalStateException("Bit admitted a " + column.getValue().getClass());
      }
    }
  }

  private static List<Bit> readBits(int count, Bytes.In in) {
    int tableSize = in.readVarInt(in.remaining());
    String[] table = new String[tableSize];
    for (int i = 0; i < tableSize; i++) {
      table[i] = in.readString();
    }
    List<Bit> bits = new ArrayList<>(count);
    long timestamp = 0;
    for (int b = 0; b < count; b++) {
      timestamp += in.readZigZag();
      long shape = in.readVarLong();
      int dimensionCount = checkCount(shape >>> 1, in);
      int tagCount = checkCount(in.readVarLong(), in);
      Number value;
      if ((shape & 1) == 1) {
        value = Double.longBitsToDouble(in.readLong());
      } else {
        value = in.readZigZag();
      }
      Map<String, Object> dimensions = readColumns(dimensionCount, table, in);
      Map<String, Object> tags = readColumns(tagCount, table, in);
      bits.add(new Bit(timestamp, value, dimensions, tags));
    }
    return bits;
  }

  private static int checkCount(long count, Bytes.In in) {
    if (count < 0 || count > in.remaining()) {
      throw new MalformedException("column count out of range [count=" + count + "]");
    }
    return (int) count;
  }

  private static Map<String, Object> readColumns(int count, String[] table, Bytes.In in) {
    if (count == 0) {
      return Map.of();
    }
    Map<String, Object> columns = HashMap.newHashMap(count);
    for (int c = 0; c < count; c++) {
      long key = in.readVarLong();
      String name = tableEntry(key >>> 2, table);
      Object value =
          switch ((int) (key & 3)) {
            case VARCHAR -> tableEntry(in.readVarLong(), table);
            case INT -> {
              long v = in.readZigZag();
              if (v != (int) v) {
                throw new MalformedException("INT value out of range [value=" + v + "]");
              }
              yield (int) v;
            }
            case BIGINT -> in.readZigZag();
            default -> Double.longBitsToDouble(in.readLong());
          };
      if (columns.put(name, value) != null) {
        throw new MalformedException("column appears twice [column=" + name + "]");
      }
    }
    return columns;
  }

  private static String tableEntry(long index, String[] table) {
    if (index < 0 || index >= table.length) {
      throw new MalformedException(
          "string index out of range [index=" + index + ", size=" + table.length + "]");
    }
    return table[(int) index];
  }
}
