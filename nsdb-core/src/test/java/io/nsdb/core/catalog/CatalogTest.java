package io.nsdb.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.MetricInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

  private static final MetricInfo DEFAULTS = new MetricInfo(Duration.ofDays(1), Duration.ZERO);
  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");

  @TempDir Path data;

  private static Bit bit(Map<String, Object> dimensions) {
    return new Bit(1L, 1L, dimensions, Map.of());
  }

  @Test
  void schemasAndInfoSurviveAReopen() {
    Catalog catalog = Catalog.open(data, DEFAULTS);
    MetricKey mem = new MetricKey("db", "other", "mem");
    MetricInfo hourly = new MetricInfo(Duration.ofHours(1), Duration.ofDays(7));
    catalog.setInfo(mem, hourly);
    catalog.accept(CPU, List.of(bit(Map.of("host", "a")), bit(Map.of("cores", 2))));

    Catalog reopened = Catalog.open(data, DEFAULTS);

    assertEquals(catalog.schema(CPU), reopened.schema(CPU));
    assertEquals(ColumnType.INT, reopened.schema(CPU).orElseThrow().columns().get("cores").type());
    assertEquals(hourly, reopened.info(mem));
    assertEquals(DEFAULTS, reopened.info(CPU));
    assertEquals(Optional.empty(), reopened.schema(mem));
    assertEquals(Set.of("db"), reopened.databases());
    assertEquals(Set.of("ns", "other"), reopened.namespaces("db"));
    assertEquals(Set.of("cpu"), reopened.metrics("db", "ns"));
  }

  @Test
  void aConflictingBatchChangesNothing() {
    Catalog catalog = Catalog.open(data, DEFAULTS);
    catalog.accept(CPU, List.of(bit(Map.of("host", "a"))));

    NsdbException e =
        assertThrows(
            NsdbException.class,
            () -> catalog.accept(CPU, List.of(bit(Map.of("os", "linux")), bit(Map.of("host", 3)))));

    assertEquals(ErrorCode.SCHEMA_CONFLICT, e.code());
    assertFalse(catalog.schema(CPU).orElseThrow().columns().containsKey("os"));
    assertFalse(Catalog.open(data, DEFAULTS).schema(CPU).orElseThrow().columns().containsKey("os"));
  }

  @Test
  void aBatchRepeatingOneMapInstanceStillFindsALaterConflict() {
    // The catalog skips bits whose maps it has accepted already; a new map must still be checked.
    Catalog catalog = Catalog.open(data, DEFAULTS);
    Map<String, Object> web = Map.of("host", "web1");
    List<Bit> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(bit(web));
    }
    batch.add(bit(Map.of("host", 3)));

    NsdbException e = assertThrows(NsdbException.class, () -> catalog.accept(CPU, batch));

    assertEquals(ErrorCode.SCHEMA_CONFLICT, e.code());
    assertEquals(Optional.empty(), catalog.schema(CPU));
  }

  @Test
  void aBatchRepeatingOneMapInstanceWithAnotherValueTypeIsStillChecked() {
    Catalog catalog = Catalog.open(data, DEFAULTS);
    Map<String, Object> web = Map.of("host", "web1");

    NsdbException e =
        assertThrows(
            NsdbException.class,
            () ->
                catalog.accept(
                    CPU, List.of(new Bit(1, 1L, Map.of(), web), new Bit(2, 1.5, Map.of(), web))));

    assertEquals(ErrorCode.SCHEMA_CONFLICT, e.code());
    assertTrue(e.getMessage().contains("column=value"), e.getMessage());
  }

  @Test
  void metricInfoIsSetOnceBeforeTheFirstWrite() {
    Catalog catalog = Catalog.open(data, DEFAULTS);
    MetricInfo info = new MetricInfo(Duration.ofHours(6), Duration.ofDays(30));
    catalog.setInfo(CPU, info);
    catalog.setInfo(CPU, info);

    NsdbException twice =
        assertThrows(
            NsdbException.class,
            () -> catalog.setInfo(CPU, new MetricInfo(Duration.ofHours(1), Duration.ZERO)));
    assertEquals(ErrorCode.METRIC_INFO_ALREADY_SET, twice.code());

    MetricKey written = new MetricKey("db", "ns", "written");
    catalog.accept(written, List.of(bit(Map.of())));
    NsdbException afterWrite =
        assertThrows(NsdbException.class, () -> catalog.setInfo(written, info));
    assertEquals(ErrorCode.METRIC_INFO_ALREADY_SET, afterWrite.code());
  }

  @Test
  void dropForgetsTheMetricOnDisk() {
    Catalog catalog = Catalog.open(data, DEFAULTS);
    catalog.accept(CPU, List.of(bit(Map.of("host", "a"))));

    catalog.drop(CPU);

    assertFalse(catalog.exists(CPU));
    assertFalse(Catalog.open(data, DEFAULTS).exists(CPU));
  }

  @Test
  void aFlippedByteStopsTheOpenNamingFileAndOffset() throws IOException {
    Catalog.open(data, DEFAULTS).accept(CPU, List.of(bit(Map.of("host", "a"))));
    Path file = data.resolve("catalog/db/ns/cpu.meta");
    byte[] content = Files.readAllBytes(file);

    for (int offset = 0; offset < content.length; offset++) {
      byte[] corrupted = content.clone();
      corrupted[offset] ^= 0x10;
      Files.write(file, corrupted);
      NsdbException e = assertThrows(NsdbException.class, () -> Catalog.open(data, DEFAULTS));
      assertEquals(ErrorCode.CORRUPT_DATA, e.code(), "flipped byte at offset " + offset);
      assertTrue(e.getMessage().contains("file=" + file), e.getMessage());
      assertTrue(e.getMessage().contains("offset="), e.getMessage());
    }
  }

  @Test
  void aTruncatedFileStopsTheOpen() throws IOException {
    Catalog.open(data, DEFAULTS).accept(CPU, List.of(bit(Map.of("host", "a"))));
    Path file = data.resolve("catalog/db/ns/cpu.meta");
    byte[] content = Files.readAllBytes(file);

    for (int length = 0; length < content.length; length++) {
      Files.write(file, java.util.Arrays.copyOf(content, length));
      NsdbException e = assertThrows(NsdbException.class, () -> Catalog.open(data, DEFAULTS));
      assertEquals(ErrorCode.CORRUPT_DATA, e.code(), "cut at " + length);
    }
  }
}
