package io.nsdb.core.commitlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class EntryCodecTest {

  private static final MetricKey METRIC = new MetricKey("db", "ns", "cpu");

  @Test
  void randomEntriesRoundTripExactly(Random random) {
    RandomEntries entries = new RandomEntries(random);
    for (int i = 0; i < 2_000; i++) {
      LogEntry entry = entries.entry();
      assertEquals(entry, roundTrip(entry));
    }
  }

  @Test
  void numbersKeepTheirTypeAndBits() {
    Bit bit =
        new Bit(
            Long.MIN_VALUE,
            -0.0,
            Map.of("i", Integer.MIN_VALUE, "l", 7L, "d", 7.0, "s", "7"),
            Map.of("t", -0.0));
    Bit other = new Bit(Long.MAX_VALUE, 7L, Map.of("i", 7), Map.of("l", Long.MIN_VALUE));
    LogEntry.Insert insert = new LogEntry.Insert(METRIC, List.of(bit, other, bit));

    LogEntry.Insert back = (LogEntry.Insert) roundTrip(insert);

    assertEquals(insert, back);
    assertEquals(Double.class, back.bits().get(0).value().getClass());
    assertEquals(Long.class, back.bits().get(1).value().getClass());
    assertEquals(Integer.class, back.bits().get(0).dimensions().get("i").getClass());
    assertEquals(Long.class, back.bits().get(0).dimensions().get("l").getClass());
    assertEquals(Double.class, back.bits().get(0).dimensions().get("d").getClass());
    assertEquals(String.class, back.bits().get(0).dimensions().get("s").getClass());
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(back.bits().get(0).value().doubleValue()));
  }

  @Test
  void bitsSharingOneColumnMapInstanceRoundTripExactly() {
    // Writers share one map per series; the encoder encodes each instance once.
    Map<String, Object> web1 = Map.of("host", "web1", "rack", 3L);
    Map<String, Object> web2 = Map.of("host", "web2", "rack", 3L);
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      bits.add(new Bit(i, i * 0.5, Map.of(), i % 2 == 0 ? web1 : web2));
      bits.add(new Bit(i, (long) i, web2, Map.of("dc", "eu")));
    }
    LogEntry.Insert insert = new LogEntry.Insert(METRIC, bits);

    assertEquals(insert, roundTrip(insert));
  }

  @Test
  void repeatedColumnNamesAndValuesAreStoredOnce() {
    List<Bit> bits = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      bits.add(
          new Bit(
              1_700_000_000_000L + i * 1_000L,
              (long) i,
              Map.of("hostname", "server-0001.example.com", "region", "eu-west-1"),
              Map.of()));
    }
    byte[] record = SegmentFormat.record(new LogEntry.Insert(METRIC, bits));
    // Per bit: timestamp delta (2), shape (1), tag count (1), value (<= 2), two columns (2 x 2).
    assertTrue(record.length < 1_000 * 10 + 100, "record of " + record.length + " bytes");
  }

  @Test
  void refusesAStringWithoutUtf8Form() {
    Bit bit = new Bit(1, 1L, Map.of("s", "broken \uD800 surrogate"), Map.of());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SegmentFormat.record(new LogEntry.Insert(METRIC, List.of(bit))));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
  }

  @Test
  void entriesConsumeTheirLsns() {
    Bit bit = Bit.of(1, 1L);
    assertEquals(3, new LogEntry.Insert(METRIC, List.of(bit, bit, bit)).lsnCount());
    assertEquals(1, new LogEntry.Delete(METRIC, "value > 1").lsnCount());
    assertEquals(1, new LogEntry.DropMetric(METRIC).lsnCount());
    assertEquals(1, new LogEntry.DropNamespace("db", "ns").lsnCount());
    assertThrows(IllegalArgumentException.class, () -> new LogEntry.Insert(METRIC, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new LogEntry.Delete(METRIC, " "));
    assertThrows(IllegalArgumentException.class, () -> new LogEntry.DropNamespace("db", "1x"));
    assertEquals(
        12, new LoggedEntry(10, new LogEntry.Insert(METRIC, List.of(bit, bit, bit))).lastLsn());
  }

  private static LogEntry roundTrip(LogEntry entry) {
    byte[] record = SegmentFormat.record(entry);
    SegmentFormat.seal(record, 42);
    int type = record[SegmentFormat.RECORD_PREFIX + 8] & 0xFF;
    Bytes.In in = new Bytes.In(record, SegmentFormat.RECORD_PREFIX + 9, record.length);
    int lsnCount = in.readVarInt(Integer.MAX_VALUE);
    assertEquals(entry.lsnCount(), lsnCount);
    return EntryCodec.readPayload(type, lsnCount, in);
  }
}
