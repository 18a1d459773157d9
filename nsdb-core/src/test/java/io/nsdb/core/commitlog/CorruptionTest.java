package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.Logs.DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Damaged bytes are found: opening either fails naming the file and offset, or (for the last record
 * only) drops the damaged record as a torn tail. It never returns a record that differs from what
 * was written.
 */
@ExtendWith(SeededRandomExtension.class)
class CorruptionTest {

  @Test
  void flipEveryByteOfASmallLog(Random random) throws IOException {
    Fixture fixture = TornTailTest.smallLog(random);
    List<Path> files = fixture.files();
    Fixture.Placed last = fixture.records.getLast();
    try (QuietLog warnings = new QuietLog()) {
      for (Path file : files) {
        byte[] original = fixture.io.contents(file);
        for (int offset = 0; offset < original.length; offset++) {
          byte[] damaged = original.clone();
          damaged[offset] ^= (byte) (1 + random.nextInt(255));
          MemoryFileIo io = fixture.io.copy();
          io.setContents(file, damaged);
          String context = "byte " + offset + " of " + file.getFileName();

          boolean inLastRecord =
              file.equals(last.file()) && offset >= last.start() && offset < last.end();
          try (CommitLog log = CommitLog.open(DIR, fixture.config(io))) {
            List<LoggedEntry> replayed = Logs.replay(log, 0);
            if (!inLastRecord) {
              fail("opened despite a damaged " + context);
            }
            List<LoggedEntry> logged = fixture.logged();
            assertEquals(logged.subList(0, logged.size() - 1), replayed, context);
            assertTrue(warnings.take().getFirst().contains("truncated a torn tail"), context);
          } catch (CorruptCommitLogException e) {
            assertTrue(!inLastRecord, "the damaged last record is a torn tail: " + e.getMessage());
            assertEquals(file, e.file(), context);
            assertTrue(
                e.offset() <= Math.max(offset, SegmentFormat.HEADER_CRC_OFFSET),
                context + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("file=" + file), e.getMessage());
            assertTrue(e.getMessage().contains("offset=" + e.offset()), e.getMessage());
          }
        }
      }
    }
  }

  @Test
  void randomDamageNeverChangesARecord(Random random) throws IOException {
    RandomEntries entries = new RandomEntries(random);
    Fixture fixture = new Fixture(Logs.random(entries, 200), 4096);
    List<Path> files = fixture.files();
    List<LoggedEntry> logged = fixture.logged();
    try (QuietLog warnings = new QuietLog()) {
      for (int round = 0; round < 300; round++) {
        MemoryFileIo io = fixture.io.copy();
        Path first = null;
        long firstOffset = Long.MAX_VALUE;
        int damages = 1 + random.nextInt(4);
        for (int d = 0; d < damages; d++) {
          Path file =
              random.nextInt(3) == 0 ? files.getLast() : files.get(random.nextInt(files.size()));
          byte[] bytes = io.contents(file);
          int offset = random.nextInt(bytes.length);
          int length =
              random.nextBoolean() ? 1 : 1 + random.nextInt(Math.min(64, bytes.length - offset));
          for (int i = offset; i < offset + length; i++) {
            bytes[i] = random.nextBoolean() ? 0 : (byte) random.nextInt();
          }
          io.setContents(file, bytes);
          if (first == null
              || file.compareTo(first) < 0
              || (file.equals(first) && offset < firstOffset)) {
            first = file;
            firstOffset = offset;
          }
        }
        try (CommitLog log = CommitLog.open(DIR, fixture.config(io))) {
          List<LoggedEntry> replayed = Logs.replay(log, 0);
          assertEquals(logged.subList(0, replayed.size()), replayed, "round " + round);
          List<LoggedEntry> intact = fixture.before(first, firstOffset);
          assertTrue(
              replayed.size() >= intact.size(),
              "round " + round + ": lost records before the first damage");
        } catch (CorruptCommitLogException e) {
          assertTrue(e.getMessage().contains("file=" + e.file()), e.getMessage());
        }
        warnings.take();
      }
    }
  }

  @Test
  void aChecksumMismatchBeforeValidRecordsSaysSo(Random random) throws IOException {
    Fixture fixture = TornTailTest.smallLog(random);
    Fixture.Placed victim = null;
    List<Fixture.Placed> inNewest = new ArrayList<>();
    for (Fixture.Placed p : fixture.records) {
      if (p.file().equals(fixture.records.getLast().file())) {
        inNewest.add(p);
      }
    }
    if (inNewest.size() < 2) {
      return; // this seed put one record in the newest segment; the byte-flip test covers it
    }
    victim = inNewest.getFirst();
    byte[] bytes = fixture.io.contents(victim.file());
    int offset = (int) victim.end() - 1;
    bytes[offset] ^= 1;
    fixture.io.setContents(victim.file(), bytes);
    try {
      CommitLog.open(DIR, fixture.config).close();
      fail("opened a log with a damaged record before valid ones");
    } catch (CorruptCommitLogException e) {
      assertEquals(victim.start(), e.offset());
      assertTrue(
          e.getMessage()
              .contains(
                  "record checksum mismatch, and a valid record follows at offset " + victim.end()),
          e.getMessage());
    }
  }
}
