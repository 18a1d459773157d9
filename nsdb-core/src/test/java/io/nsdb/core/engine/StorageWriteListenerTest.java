package io.nsdb.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageWriteListenerTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final MetricKey MEM = new MetricKey("db", "ns", "mem");

  /** One call of the listener. */
  private record Written(MetricKey metric, List<Bit> bits, long firstLsn) {}

  @TempDir Path data;
  private Storage storage;

  private Storage open() {
    storage =
        Storage.open(
            StorageConfig.defaults(data)
                .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE)));
    return storage;
  }

  @AfterEach
  void close() {
    if (storage != null) {
      storage.close();
    }
  }

  private static Bit bit(long ts, Number value, int writer) {
    return new Bit(ts, value, Map.of("writer", (long) writer), Map.of());
  }

  @Test
  void everyAcknowledgedInsertWasHandedOnInLsnOrderPerMetric() throws Exception {
    Storage storage = open();
    ConcurrentLinkedQueue<Written> calls = new ConcurrentLinkedQueue<>();
    Set<Long> seenFirstLsns = ConcurrentHashMap.newKeySet();
    storage.setWriteListener(
        (metric, bits, firstLsn) -> {
          calls.add(new Written(metric, bits, firstLsn));
          seenFirstLsns.add(firstLsn);
        });
    int writers = 4;
    int batches = 200;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<List<Written>>> acknowledged = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        acknowledged.add(
            pool.submit(
                () -> {
                  List<Written> mine = new ArrayList<>();
                  for (int b = 0; b < batches; b++) {
                    MetricKey metric = b % 2 == 0 ? CPU : MEM;
                    List<Bit> bits = List.of(bit(b, 0.5, writer), bit(b, (long) b, writer));
                    long last = storage.insert(metric, bits);
                    long first = last - bits.size() + 1;
                    // Seen before the acknowledgement, not merely eventually.
                    assertTrue(seenFirstLsns.contains(first), "not handed on: lsn " + first);
                    mine.add(new Written(metric, bits, first));
                  }
                  return mine;
                }));
      }
      List<Written> all = new ArrayList<>();
      for (Future<List<Written>> future : acknowledged) {
        all.addAll(future.get());
      }
      assertEquals(writers * batches, calls.size());
      Map<Long, Written> byLsn = new ConcurrentHashMap<>();
      calls.forEach(call -> byLsn.put(call.firstLsn(), call));
      for (Written insert : all) {
        Written call = byLsn.get(insert.firstLsn());
        assertEquals(insert.metric(), call.metric());
        // Conformed: the DECIMAL metric's integer values arrive as doubles.
        List<Bit> expected =
            insert.bits().stream()
                .map(b -> new Bit(b.timestamp(), b.value().doubleValue(), b.dimensions(), b.tags()))
                .toList();
        assertEquals(expected, call.bits());
      }
      Map<MetricKey, Long> lastLsn = new HashMap<>();
      for (Written call : calls) {
        Long previous = lastLsn.put(call.metric(), call.firstLsn());
        assertTrue(
            previous == null || previous < call.firstLsn(),
            "out of LSN order for " + call.metric() + ": " + previous + " then " + call.firstLsn());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingListenerDoesNotFailTheInsertAndIsCounted() {
    Storage storage = open();
    storage.setWriteListener(
        (metric, bits, firstLsn) -> {
          throw new IllegalStateException("listener bug");
        });
    long last = storage.insert(CPU, List.of(bit(1, 1.5, 0)));
    assertEquals(1, storage.writeListenerFailures());
    assertEquals(1, storage.countPoints(CPU));
    storage.setWriteListener(WriteListener.NONE);
    assertEquals(last + 1, storage.insert(CPU, List.of(bit(2, 2.5, 0))));
    assertEquals(1, storage.writeListenerFailures());
  }

  @Test
  void theListenerGetsAnImmutableListOfTheConformedBits() {
    Storage storage = open();
    List<List<Bit>> seen = new ArrayList<>();
    storage.setWriteListener((metric, bits, firstLsn) -> seen.add(bits));
    storage.insert(CPU, List.of(bit(1, 1.5, 0)));
    storage.insert(CPU, List.of(bit(2, 2L, 0)));
    assertEquals(List.of(bit(2, 2.0, 0)), seen.get(1));
    assertThrows(UnsupportedOperationException.class, () -> seen.get(1).clear());
  }
}
