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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class SubscriptionOutboxTest {

  private static SubscriptionOutbox<Integer> outbox(int retention, long period) {
    return new SubscriptionOutbox<>(retention, period, 4, 3);
  }

  @Test
  void aFrameCarriesEverythingKeptSinceThePreviousOne() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 100);
    assertNull(outbox.poll(0), "nothing gathered, no frame");
    outbox.add(1);
    outbox.add(2);
    assertEquals(new Flush<>(List.of(1, 2), 0, 1), outbox.poll(0));
    outbox.add(3);
    assertNull(outbox.poll(99), "a period has not passed");
    assertEquals(new Flush<>(List.of(3), 0, 2), outbox.poll(100));
    assertEquals(0, outbox.pending());
  }

  @Test
  void retentionKeepsTheNewestAndCountsEveryDrop() {
    SubscriptionOutbox<Integer> outbox = outbox(3, 100);
    for (int i = 1; i <= 10; i++) {
      outbox.add(i);
    }
    assertEquals(new Flush<>(List.of(8, 9, 10), 7, 1), outbox.poll(0));
    outbox.add(11);
    assertEquals(new Flush<>(List.of(11), 0, 2), outbox.poll(100), "drops are reported once");
    assertEquals(7, outbox.droppedTotal());
  }

  @Test
  void aQuietPeriodDoesNotDelayTheNextRecord() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 100);
    outbox.add(1);
    assertNotNull(outbox.poll(0));
    outbox.add(2);
    assertEquals(new Flush<>(List.of(2), 0, 2), outbox.poll(5_000));
  }

  @Test
  void pastCapacityNoFrameIsMadeAndTheOutboxGetsStuck() {
    SubscriptionOutbox<Integer> outbox = new SubscriptionOutbox<>(2, 10, 2, 3);
    long now = 0;
    for (int frame = 1; frame <= 2; frame++, now += 10) {
      outbox.add(frame);
      assertEquals(frame, outbox.poll(now).sequence());
    }
    assertEquals(2, outbox.inFlight());
    // The consumer takes nothing: records wait, retention drops and counts, overflows add up.
    for (int period = 1; period <= 3; period++, now += 10) {
      outbox.add(100 + 2 * period);
      outbox.add(101 + 2 * period);
      assertFalse(outbox.stuck());
      assertNull(outbox.poll(now));
      assertNull(outbox.poll(now + 5), "at most one overflow per period");
    }
    assertTrue(outbox.stuck());
    assertEquals(3, outbox.overflows());
    // It catches up: the next frame holds the newest two and counts the four dropped.
    outbox.acknowledge(2);
    assertEquals(new Flush<>(List.of(106, 107), 4, 3), outbox.poll(now));
    assertFalse(outbox.stuck());
  }

  @Test
  void acknowledgementsAreCumulativeAndOnlyOfSentFrames() {
    SubscriptionOutbox<Integer> outbox = outbox(10, 1);
    for (int i = 0; i < 3; i++) {
      outbox.add(i);
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

  /**
   * Random adds, polls and acknowledgements at random times: frames at least a period apart,
   * sequences 1, 2, 3..., each frame's records the newest of those added since the previous frame,
   * and every record either framed, counted as dropped or still pending.
   */
  @RepeatedTest(20)
  void nothingIsDroppedSilently(Random random) {
    int retention = 1 + random.nextInt(8);
    long period = 1 + random.nextInt(50);
    SubscriptionOutbox<Integer> outbox =
        new SubscriptionOutbox<>(retention, period, 1 + random.nextInt(3), 1_000_000);
    List<Integer> sinceFrame = new ArrayList<>();
    long added = 0;
    long framed = 0;
    long dropped = 0;
    long lastFrameAt = Long.MIN_VALUE;
    long lastSequence = 0;
    long now = 0;
    for (int step = 0; step < 5_000; step++) {
      now += random.nextInt(3) == 0 ? random.nextInt(2 * (int) period) : 0;
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          int record = (int) added++;
          outbox.add(record);
          sinceFrame.add(record);
        }
        case 2 -> {
          Flush<Integer> frame = outbox.poll(now);
          if (frame != null) {
            assertTrue(lastFrameAt == Long.MIN_VALUE || now - lastFrameAt >= period);
            assertEquals(lastSequence + 1, frame.sequence());
            assertTrue(frame.records().size() <= retention);
            List<Integer> newest =
                sinceFrame.subList(sinceFrame.size() - frame.records().size(), sinceFrame.size());
            assertEquals(newest, frame.records());
            assertEquals(sinceFrame.size() - frame.records().size(), frame.dropped());
            sinceFrame.clear();
            lastFrameAt = now;
            lastSequence = frame.sequence();
            framed += frame.records().size();
            dropped += frame.dropped();
          }
        }
        default -> {
          if (lastSequence > 0) {
            outbox.acknowledge(1 + random.nextInt((int) lastSequence));
          }
        }
      }
      assertEquals(
          added, framed + dropped + outbox.pending() + droppedSinceLastFrame(outbox, dropped));
    }
  }

  /** Drops not yet reported in a frame: the lifetime total minus those frames carried. */
  private static long droppedSinceLastFrame(SubscriptionOutbox<?> outbox, long reported) {
    return outbox.droppedTotal() - reported;
  }
}
