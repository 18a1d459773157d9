package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.Logs.DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.MetricKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A crash in the middle of a write leaves the newest segment cut anywhere: recovery keeps the whole
 * records before the cut, and the log goes on from there.
 */
@ExtendWith(SeededRandomExtension.class)
class TornTailTest {

  private static final MetricKey METRIC = new MetricKey("db", "ns", "cpu");

  @Test
  void cutTheNewestSegmentAtEveryOffset(Random random) throws IOException {
    Fixture fixture = smallLog(random);
    Path newest = fixture.files().getLast();
    byte[] bytes = fixture.io.contents(newest);
    Set<Long> boundaries = new TreeSet<>();
    fixture.records.stream()
        .filter(p -> p.file().equals(newest))
        .forEach(p -> boundaries.add(p.end()));
    boundaries.add((long) SegmentFormat.HEADER_SIZE);

    try (QuietLog warnings = new QuietLog()) {
      for (int cut = 0; cut <= bytes.length; cut++) {
        MemoryFileIo io = fixture.io.copy();
        io.setContents(newest, Arrays.copyOf(bytes, cut));
        List<LoggedEntry> expected = fixture.before(newest, cut);

        reopenAndContinue(fixture, io, expected, "cut at " + cut);

        List<String> logged = warnings.take();
        if (boundaries.contains((long) cut)) {
          assertEquals(List.of(), logged, "cut at " + cut);
        } else {
          String what =
              cut < SegmentFormat.HEADER_SIZE ? "rewrote the header" : "truncated a torn tail";
          assertTrue(logged.getFirst().contains(what), logged + " at cut " + cut);
          assertTrue(logged.getFirst().contains(newest.toString()), logged.getFirst());
        }
      }
    }
  }

  @Test
  void garbageOrZerosAfterACutAreATornTailToo(Random random) throws IOException {
    Fixture fixture = smallLog(random);
    Path newest = fixture.files().getLast();
    byte[] bytes = fixture.io.contents(newest);
    try (QuietLog warnings = new QuietLog()) {
      for (int cut = SegmentFormat.HEADER_SIZE; cut <= bytes.length; cut++) {
        byte[] tail = new byte[1 + random.nextInt(200)];
        if (random.nextBoolean()) {
          random.nextBytes(tail);
        }
        if (cut < bytes.length && tail[0] == bytes[cut]) {
          tail[0] ^= 1; // else the "garbage" could restore the record it cuts (-0.0 ends in zeros)
        }
        byte[] damaged = Arrays.copyOf(bytes, cut + tail.length);
        System.arraycopy(tail, 0, damaged, cut, tail.length);
        MemoryFileIo io = fixture.io.copy();
        io.setContents(newest, damaged);

        reopenAndContinue(fixture, io, fixture.before(newest, cut), "cut at " + cut);
        assertEquals(1, warnings.take().size());
      }
    }
  }

  /**
   * Opens the damaged copy, expects exactly {@code expected}, appends one entry (which must get the
   * next LSN) and checks that a second opening sees the same plus that entry.
   */
  private static void reopenAndContinue(
      Fixture fixture, MemoryFileIo io, List<LoggedEntry> expected, String context)
      throws IOException {
    long next = expected.isEmpty() ? 1 : expected.getLast().lastLsn() + 1;
    List<LoggedEntry> after = new ArrayList<>(expected);
    try (CommitLog log = CommitLog.open(DIR, fixture.config(io))) {
      assertEquals(expected, Logs.replay(log, 0), context);
      assertEquals(next, log.nextLsn(), context);
      LogEntry more = new LogEntry.DropMetric(METRIC);
      assertEquals(next, log.append(more), context);
      after.add(new LoggedEntry(next, more));
    }
    try (CommitLog log = CommitLog.open(DIR, fixture.config(io))) {
      assertEquals(after, Logs.replay(log, 0), context);
    }
  }

  /** Twenty records over two or three segments. */
  static Fixture smallLog(Random random) throws IOException {
    RandomEntries entries = new RandomEntries(random);
    List<LogEntry> list = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      list.add(random.nextInt(3) == 0 ? entries.insert(1 + random.nextInt(3)) : entries.entry());
    }
    long total = list.stream().mapToLong(e -> SegmentFormat.record(e).length).sum();
    Fixture fixture = new Fixture(list, SegmentFormat.HEADER_SIZE + Math.max(total / 2, 64));
    assertTrue(fixture.files().size() >= 2, "the log rolled: " + fixture.files());
    return fixture;
  }
}
