package io.nsdb.core.shard;

import io.nsdb.core.head.SeriesKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.util.BytesRef;

/**
 * A series key as the bytes of a chunk document's {@code @series} doc value: for dimensions then
 * tags, a count and per column its name, a type byte (S string, L long, D double) and the value.
 * Columns are written sorted by name, so one series always has one encoding.
 */
final class SeriesKeyCodec {

  private SeriesKeyCodec() {}

  static BytesRef encode(SeriesKey series) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream out = new DataOutputStream(bytes);
      writeColumns(out, series.dimensions());
      writeColumns(out, series.tags());
      out.flush();
      return new BytesRef(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeColumns(DataOutputStream out, Map<String, Object> columns)
      throws IOException {
    out.writeShort(columns.size());
    for (Map.Entry<String, Object> column : new TreeMap<>(columns).entrySet()) {
      out.writeUTF(column.getKey());
      switch (column.getValue()) {
        case String s -> {
          out.writeByte('S');
          out.writeUTF(s);
        }
        case Long l -> {
          out.writeByte('L');
          out.writeLong(l);
        }
        case Double d -> {
          out.writeByte('D');
          out.writeDouble(d);
        }
        default ->
            throw new IllegalArgumentException(
                "series column values are String, Long or Double in storage, not "
                    + column.getValue().getClass().getSimpleName());
      }
    }
  }

  /**
   * Decoded keys by their bytes. A scan meets each series once per chunk; decoding it once, and
   * handing out one instance per series, makes the grouping that follows compare by identity.
   * Bounded: cleared when it outgrows {@link #CACHE_LIMIT} series.
   */
  private static final Map<BytesRef, SeriesKey> CACHE = new ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 1 << 17;

  static SeriesKey decode(BytesRef ref) {
    SeriesKey cached = CACHE.get(ref);
    if (cached != null) {
      return cached;
    }
    SeriesKey decoded = decodeUncached(ref);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(BytesRef.deepCopyOf(ref), decoded);
    return decoded;
  }

  private static SeriesKey decodeUncached(BytesRef ref) {
    try {
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(ref.bytes, ref.offset, ref.length));
      Map<String, Object> dimensions = readColumns(in);
      Map<String, Object> tags = readColumns(in);
      return new SeriesKey(dimensions, tags);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable series key in a chunk document", e);
    }
  }

  private static Map<String, Object> readColumns(DataInputStream in) throws IOException {
    int count = in.readShort();
    Map<String, Object> columns = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      byte type = in.readByte();
      columns.put(
          name,
          switch (type) {
            case 'S' -> in.readUTF();
            case 'L' -> in.readLong();
            case 'D' -> in.readDouble();
            default -> throw new IOException("unknown column type byte " + type);
          });
    }
    return columns;
  }
}
