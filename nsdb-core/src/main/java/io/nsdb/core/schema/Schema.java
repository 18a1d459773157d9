package io.nsdb.core.schema;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A metric's schema: the value type and the union of every column seen, sorted by name. Immutable;
 * {@link #accept} returns the schema that also covers a new bit (the same instance when nothing is
 * new, so callers can tell a change by identity).
 */
public record Schema(MetricKey metric, ColumnType valueType, Map<String, Column> columns) {

  public Schema {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(valueType, "valueType");
    if (valueType != ColumnType.BIGINT && valueType != ColumnType.DECIMAL) {
      throw new IllegalArgumentException("a value is BIGINT or DECIMAL, not " + valueType);
    }
    columns = Collections.unmodifiableSortedMap(new TreeMap<>(columns));
  }

  /** The schema of a metric whose first bit is {@code bit}. */
  public static Schema of(MetricKey metric, Bit bit) {
    return new Schema(metric, bit.valueType(), Map.of()).accept(bit);
  }

  /**
   * The schema extended by {@code bit}'s columns.
   *
   * @throws NsdbException with {@link ErrorCode#SCHEMA_CONFLICT} when the bit disagrees
   */
  public Schema accept(Bit bit) {
    ColumnType value = merge("value", valueType, bit.valueType());
    Map<String, Column> merged = null;
    for (ColumnKind kind : ColumnKind.values()) {
      Map<String, Object> offered = kind == ColumnKind.DIMENSION ? bit.dimensions() : bit.tags();
      for (Map.Entry<String, Object> entry : offered.entrySet()) {
        Column stored = columns.get(entry.getKey());
        ColumnType offeredType = ColumnType.of(entry.getValue());
        if (stored != null && stored.kind() != kind) {
          throw conflict(entry.getKey(), stored.kind().name(), kind.name());
        }
        ColumnType type =
            stored == null ? offeredType : merge(entry.getKey(), stored.type(), offeredType);
        if (stored == null || type != stored.type()) {
          if (merged == null) {
            merged = new TreeMap<>(columns);
          }
          merged.put(entry.getKey(), new Column(entry.getKey(), type, kind));
        }
      }
    }
    if (merged == null && value == valueType) {
      return this;
    }
    return new Schema(metric, value, merged == null ? columns : merged);
  }

  /** The stored type that takes both, or a conflict. */
  private ColumnType merge(String column, ColumnType stored, ColumnType offered) {
    if (stored == offered) {
      return stored;
    }
    if (stored.isInteger() && offered.isInteger()) {
      return ColumnType.BIGINT;
    }
    if (stored == ColumnType.DECIMAL && offered.isInteger()) {
      return ColumnType.DECIMAL;
    }
    throw conflict(column, stored.name(), offered.name());
  }

  private NsdbException conflict(String column, String stored, String offered) {
    return new NsdbException(
        ErrorCode.SCHEMA_CONFLICT,
        "bit does not match the metric's schema [metric="
            + metric
            + ", column="
            + column
            + ", stored="
            + stored
            + ", offered="
            + offered
            + "]");
  }

  /**
   * The bit in this schema's storage representation: a DECIMAL value or column holds a Double, and
   * every integer column holds a Long (INT and BIGINT are stored alike, so widening a column never
   * splits a series). The same instance when nothing changes. The bit must be accepted.
   */
  public Bit conform(Bit bit) {
    return conform(bit, new IdentityHashMap<>());
  }

  /**
   * Every bit of a batch conformed; a column map shared by several bits (one per series, as writers
   * send them) is conformed once and stays shared.
   */
  public List<Bit> conformAll(List<Bit> bits) {
    Map<Map<String, Object>, Map<String, Object>> conformed = new IdentityHashMap<>();
    List<Bit> result = new ArrayList<>(bits.size());
    for (Bit bit : bits) {
      result.add(conform(bit, conformed));
    }
    return result;
  }

  private Bit conform(Bit bit, Map<Map<String, Object>, Map<String, Object>> conformed) {
    Number value =
        valueType == ColumnType.DECIMAL && bit.value() instanceof Long l
            ? (Number) l.doubleValue()
            : bit.value();
    Map<String, Object> dimensions =
        conformed.computeIfAbsent(bit.dimensions(), this::conformColumns);
    Map<String, Object> tags = conformed.computeIfAbsent(bit.tags(), this::conformColumns);
    if (value == bit.value() && dimensions == bit.dimensions() && tags == bit.tags()) {
      return bit;
    }
    return new Bit(bit.timestamp(), value, dimensions, tags);
  }

  private Map<String, Object> conformColumns(Map<String, Object> offered) {
    Map<String, Object> conformed = null;
    for (Map.Entry<String, Object> entry : offered.entrySet()) {
      Object stored = conformColumn(columns.get(entry.getKey()).type(), entry.getValue());
      if (stored != entry.getValue()) {
        if (conformed == null) {
          conformed = new HashMap<>(offered);
        }
        conformed.put(entry.getKey(), stored);
      }
    }
    return conformed == null ? offered : conformed;
  }

  private static Object conformColumn(ColumnType type, Object value) {
    return switch (value) {
      case Integer i when type == ColumnType.DECIMAL -> i.doubleValue();
      case Long l when type == ColumnType.DECIMAL -> l.doubleValue();
      case Integer i -> i.longValue();
      default -> value;
    };
  }

  /**
   * The error for a statement naming a column this metric does not have, at {@code position} (the
   * SQL {@code line L:C}).
   */
  public NsdbException unknownColumn(String column, SourcePosition position) {
    return new NsdbException(
        ErrorCode.UNKNOWN_COLUMN,
        position,
        "unknown column [metric="
            + metric
            + ", column="
            + column
            + ", columns="
            + String.join(", ", columns.keySet())
            + "]");
  }
}
