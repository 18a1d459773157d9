package io.nsdb.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");

  private static Bit bit(Number value, Map<String, Object> dimensions, Map<String, Object> tags) {
    return new Bit(1L, value, dimensions, tags);
  }

  @Test
  void firstBitFixesValueTypeColumnTypesAndKinds() {
    Schema schema = Schema.of(CPU, bit(1.5, Map.of("host", "a", "cores", 4), Map.of("dc", 7L)));

    assertEquals(ColumnType.DECIMAL, schema.valueType());
    assertEquals(
        new Column("host", ColumnType.VARCHAR, ColumnKind.DIMENSION), schema.columns().get("host"));
    assertEquals(
        new Column("cores", ColumnType.INT, ColumnKind.DIMENSION), schema.columns().get("cores"));
    assertEquals(new Column("dc", ColumnType.BIGINT, ColumnKind.TAG), schema.columns().get("dc"));
  }

  @Test
  void aBitWithNothingNewLeavesTheSameSchema() {
    Schema schema = Schema.of(CPU, bit(1L, Map.of("host", "a"), Map.of()));

    assertSame(schema, schema.accept(bit(2L, Map.of("host", "b"), Map.of())));
    assertSame(schema, schema.accept(bit(2L, Map.of(), Map.of())));
  }

  @Test
  void newColumnsAreAddedAndIntegersWiden() {
    Schema schema = Schema.of(CPU, bit(1L, Map.of("cores", 4), Map.of()));

    Schema widened =
        schema.accept(bit(1L, Map.of("cores", 5_000_000_000L, "os", "linux"), Map.of()));

    assertEquals(ColumnType.BIGINT, widened.columns().get("cores").type());
    assertEquals(ColumnType.VARCHAR, widened.columns().get("os").type());
    assertSame(widened, widened.accept(bit(1L, Map.of("cores", 3), Map.of())));
  }

  @Test
  void decimalsTakeIntegersButIntegersRefuseDecimals() {
    Schema decimal = Schema.of(CPU, bit(1.5, Map.of("load", 0.5), Map.of()));
    assertSame(decimal, decimal.accept(bit(2L, Map.of("load", 1), Map.of())));

    Schema integer = Schema.of(CPU, bit(1L, Map.of(), Map.of()));
    NsdbException e =
        assertThrows(NsdbException.class, () -> integer.accept(bit(1.5, Map.of(), Map.of())));
    assertEquals(ErrorCode.SCHEMA_CONFLICT, e.code());
    assertEquals(
        "bit does not match the metric's schema [metric=db.ns.cpu, column=value, stored=BIGINT,"
            + " offered=DECIMAL]",
        e.getMessage());
  }

  @Test
  void stringsAndNumbersNeverMix() {
    Schema schema = Schema.of(CPU, bit(1L, Map.of("host", "a"), Map.of()));

    NsdbException e =
        assertThrows(
            NsdbException.class, () -> schema.accept(bit(1L, Map.of("host", 1), Map.of())));
    assertEquals(
        "bit does not match the metric's schema [metric=db.ns.cpu, column=host, stored=VARCHAR,"
            + " offered=INT]",
        e.getMessage());
  }

  @Test
  void aDimensionIsNeverATag() {
    Schema schema = Schema.of(CPU, bit(1L, Map.of("host", "a"), Map.of()));

    NsdbException e =
        assertThrows(
            NsdbException.class, () -> schema.accept(bit(1L, Map.of(), Map.of("host", "a"))));
    assertEquals(
        "bit does not match the metric's schema [metric=db.ns.cpu, column=host, stored=DIMENSION,"
            + " offered=TAG]",
        e.getMessage());
  }
}
