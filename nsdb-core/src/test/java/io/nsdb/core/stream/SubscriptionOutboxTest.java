package io.nsdb.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.commitlog.SeededRandomExtension;
import io.nsdb.core.stream.SubscriptionOutbox.Flush;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox on its own. Unless a test says otherwise, a record is an int gathered with itself as
 * its LSN, so that a frame's expected {@code lastLsn} reads off its records.
 */
@ExtendWith(SeededRandomExtension.class)
class SubscriptionOutboxTest {

  private static SubscriptionOutbox<Integer> outbox(int retention, long period) {
    return new SubscriptionOutbox<>(retention, period, 4, 3);
  }

  private static void add(SubscriptionOutbox<Integer> outbox, int record) {
    outbox.add(record, record);
  }

  @Test
  void aFrameCarriesEverythingKeptSinceThePreviousOne() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 100);
    assertNull(outbox.poll(0), "nothing gathered, no frame");
    add(outbox, 1);
    add(outbox, 2);
    assertEquals(new Flush<>(List.of(1, 2), 0, 1, 2), outbox.poll(0));
    add(outbox, 3);
    assertNull(outbox.poll(99), "a period has not passed");
    assertEquals(new Flush<>(List.of(3), 0, 2, 3), outbox.poll(100));
    assertEquals(0, outbox.pending());
  }

  @Test
  void retentionKeepsTheNewestAndCountsEveryDrop() {
    SubscriptionOutbox<Integer> outbox = outbox(3, 100);
    for (int i = 1; i <= 10; i++) {
      add(outbox, i);
    }
    assertEquals(new Flush<>(List.of(8, 9, 10), 7, 1, 10), outbox.poll(0));
    add(outbox, 11);
    assertEquals(new Flush<>(List.of(11), 0, 2, 11), outbox.poll(100), "drops are reported once");
    assertEquals(7, outbox.droppedTotal());
  }

  @Test
  void aQuietPeriodDoesNotDelayTheNextRecord() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 100);
    add(outbox, 1);
    assertNotNull(outbox.poll(0));
    add(outbox, 2);
    assertEquals(new Flush<>(List.of(2), 0, 2, 2), outbox.poll(5_000));
  }

  @Test
  void pastCapacityNoFrameIsMadeAndTheOutboxGetsStuck() {
    SubscriptionOutbox<Integer> outbox = new SubscriptionOutbox<>(2, 10, 2, 3);
    long now = 0;
    for (int frame = 1; frame <= 2; frame++, now += 10) {
      add(outbox, frame);
      assertEquals(frame, outbox.poll(now).sequence());
    }
    assertEquals(2, outbox.inFlight());
    // The consumer takes nothing: records wait, retention drops and counts, overflows add up.
    for (int period = 1; period <= 3; period++, now += 10) {
      add(outbox, 100 + 2 * period);
      add(outbox, 101 + 2 * period);
      assertFalse(outbox.stuck());
      assertNull(outbox.poll(now));
      assertNull(outbox.poll(now + 5), "at most one overflow per period");
    }
    assertTrue(outbox.stuck());
    assertEquals(3, outbox.overflows());
    // It catches up: the next frame holds the newest two and counts the four dropped.
    outbox.acknowledge(2);
    assertEquals(new Flush<>(List.of(106, 107), 4, 3, 107), outbox.poll(now));
    assertFalse(outbox.stuck());
  }

  @Test
  void acknowledgementsAreCumulativeAndOnlyOfSentFrames() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 1);
    for (int i = 0; i < 3; i++) {
      add(outbox, i);
      outbox.poll(i);
    }
    outbox.acknowledge(2);
    outbox.acknowledge(1);
    assertEquals(1, outbox.inFlight());
    assertThrows(IllegalArgumentException.class, () -> outbox.acknowledge(4));
  }

  @Test
  void settingsMustBePositive() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionOutbox<>(0, 1, 1, 1));
    assertEquals("must be at least 1 [retentionSize=0, expected>=1]", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SubscriptionOutbox<>(1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new SubscriptionOutbox<>(1, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new SubscriptionOutbox<>(1, 1, 1, 0));
  }

  @Test
  void aKeyedRecordReplacesTheEarlierOneOfItsKeyAndMovesLast() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 100);
    outbox.put("a", 1, 1);
    outbox.put("b", 2, 2);
    outbox.put("a", 3, 3);
    assertEquals(2, outbox.pending(), "one record per key");
    assertEquals(new Flush<>(List.of(2, 3), 0, 1, 3), outbox.poll(0), "latest wins");
    outbox.put("a", 4, 4);
    assertEquals(
        new Flush<>(List.of(4), 0, 2, 4), outbox.poll(100), "only the groups changed since");
  }

  @Test
  void keyedRecordsAreNeverDroppedByRetention() {
    SubscriptionOutbox<Integer> outbox = outbox(2, 100);
    for (int key = 1; key <= 5; key++) {
      outbox.put(key, key, key);
    }
    add(outbox, 6);
    add(outbox, 7);
    add(outbox, 8); // drops 6, an un-keyed record: retention bounds those alone
    outbox.put(1, 9, 9);
    assertEquals(
        new Flush<>(List.of(7, 8, 2, 3, 4, 5, 9), 1, 1, 9),
        outbox.poll(0),
        "the un-keyed records kept, then the latest of each key");
    assertEquals(1, outbox.droppedTotal());
  }

  @Test
  void aFramesLastLsnIsTheHighestGatheredSinceThePreviousFrame() {
    SubscriptionOutbox<Integer> outbox = outbox(1, 100);
    outbox.add(10, 5);
    outbox.put("g", 11, 7);
    outbox.add(12, 9); // drops the record of LSN 5
    assertEquals(new Flush<>(List.of(12, 11), 1, 1, 9), outbox.poll(0));
    outbox.put("g", 13, 12);
    assertEquals(new Flush<>(List.of(13), 0, 2, 12), outbox.poll(100), "a keyed record's LSN");
    outbox.add(14, 20);
    outbox.add(15, 21);
    assertEquals(new Flush<>(List.of(15), 1, 3, 21), outbox.poll(200));
  }

  /**
   * Random adds, keyed puts, polls and acknowledgements at random times, at increasing LSNs with
   * gaps (the bits that matched no query): frames at least a period apart, sequences 1, 2, 3...,
   * each frame's un-keyed records the newest of those added since the previous frame followed by
   * the latest record of each key put since then, its lastLsn the highest LSN gathered since then,
   * and every un-keyed record either framed, counted as dropped or still pending.
   */
  @RepeatedTest(20)
  void nothingIsDroppedSilently(Random random) {
    int retention = 1 + random.nextInt(8);
    long period = 1 + random.nextInt(50);
    SubscriptionOutbox<Integer> outbox =
        new SubscriptionOutbox<>(retention, period, 1 + random.nextInt(3), 1_000_000);
    List<Integer> sinceFrame = new ArrayList<>();
    Map<Integer, Integer> keyedSinceFrame = new LinkedHashMap<>();
    long lsnSinceFrame = 0;
    long lsn = 0;
    long added = 0;
    long framed = 0;
    long dropped = 0;
    long lastFrameAt = Long.MIN_VALUE;
    long lastSequence = 0;
    long now = 0;
    for (int step = 0; step < 5_000; step++) {
      now += random.nextInt(3) == 0 ? random.nextInt(2 * (int) period) : 0;
      lsn += 1 + random.nextInt(3);
      switch (random.nextInt(5)) {
        case 0, 1 -> {
          // Un-keyed records count up from 0, keyed ones down from -1: each is told apart.
          int record = (int) added++;
          outbox.add(record, lsn);
          sinceFrame.add(record);
          lsnSinceFrame = lsn;
        }
        case 2 -> {
          int key = random.nextInt(4);
          int record = -1 - step;
          outbox.put(key, record, lsn);
          keyedSinceFrame.remove(key);
          keyedSinceFrame.put(key, record);
          lsnSinceFrame = lsn;
        }
        case 3 -> {
          Flush<Integer> frame = outbox.poll(now);
          if (frame != null) {
            assertTrue(lastFrameAt == Long.MIN_VALUE || now - lastFrameAt >= period);
            assertEquals(lastSequence + 1, frame.sequence());
            int unkeyed = frame.records().size() - keyedSinceFrame.size();
            assertTrue(unkeyed <= retention);
            List<Integer> expected =
                new ArrayList<>(sinceFrame.subList(sinceFrame.size() - unkeyed, sinceFrame.size()));
            expected.addAll(keyedSinceFrame.values());
            assertEquals(expected, frame.records());
            assertEquals(sinceFrame.size() - unkeyed, frame.dropped());
            assertEquals(lsnSinceFrame, frame.lastLsn());
            sinceFrame.clear();
            keyedSinceFrame.clear();
            lastFrameAt = now;
            lastSequence = frame.sequence();
            framed += unkeyed;
            dropped += frame.dropped();
          }
        }
        default -> {
          if (lastSequence > 0) {
            outbox.acknowledge(1 + random.nextInt((int) lastSequence));
          }
        }
      }
      long pendingUnkeyed = outbox.pending() - keyedSinceFrame.size();
      assertEquals(
          added, framed + dropped + pendingUnkeyed + droppedSinceLastFrame(outbox, dropped));
    }
  }

  /** Drops not yet reported in a frame: the lifetime total minus those frames carried. */
  private static long droppedSinceLastFrame(SubscriptionOutbox<?> outbox, long reported) {
    return outbox.droppedTotal() - reported;
  }
}
