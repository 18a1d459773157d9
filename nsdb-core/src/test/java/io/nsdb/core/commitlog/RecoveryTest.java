package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.Logs.DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.model.MetricKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening logs damaged in the ways a crash can, and in ways it cannot. */
class RecoveryTest {

  private static final MetricKey METRIC = new MetricKey("db", "ns", "cpu");

  private MemoryFileIo io;
  private List<LoggedEntry> written;
  private List<Path> segments;

  /** Three segments of drops, two records each: LSNs 1-2, 3-4, 5-6. */
  @BeforeEach
  void writeLog() throws IOException {
    io = new MemoryFileIo();
    try (CommitLog log = open()) {
      written = Logs.append(log, Collections.nCopies(6, new LogEntry.DropMetric(METRIC)));
    }
    segments = io.list(DIR);
    assertEquals(3, segments.size());
  }

  private CommitLog open() throws IOException {
    int recordSize = SegmentFormat.record(new LogEntry.DropMetric(METRIC)).length;
    return CommitLog.open(
        DIR, Logs.memory(io, SyncPolicy.ALWAYS, SegmentFormat.HEADER_SIZE + 2L * recordSize));
  }

  @Test
  void aNewestSegmentCutShortAtCreationGetsItsHeaderBack() throws IOException {
    Path newest = segments.getLast();
    byte[] header = SegmentFormat.header(5);
    try (QuietLog warnings = new QuietLog()) {
      for (int length = 0; length <= SegmentFormat.HEADER_SIZE; length++) {
        for (boolean zeros : new boolean[] {false, true}) {
          byte[] contents = zeros ? new byte[length] : Arrays.copyOf(header, length);
          io.setContents(newest, contents);
          try (CommitLog log = open()) {
            assertEquals(5, log.nextLsn(), "length " + length);
            assertEquals(written.subList(0, 4), Logs.replay(log, 0));
            assertEquals(5, log.append(new LogEntry.DropMetric(METRIC)));
          }
          boolean wholeHeader = length == SegmentFormat.HEADER_SIZE && !zeros;
          List<String> logged = warnings.take();
          assertEquals(wholeHeader ? 0 : 1, logged.size(), "length " + length);
          if (!wholeHeader) {
            assertTrue(logged.getFirst().contains("rewrote the header"), logged.getFirst());
          }
          try (CommitLog log = open()) {
            assertEquals(6, log.nextLsn());
          }
        }
      }
    }
  }

  @Test
  void aSegmentWithAWrongHeaderStopsTheOpening() throws IOException {
    for (Path segment : segments) {
      byte[] original = io.contents(segment);
      // offset of the field, and what to write there
      int[][] damages = {
        {0, 'X'},
        {SegmentFormat.NAME_OFFSET + 3, 'x'},
        {SegmentFormat.VERSION_OFFSET + 3, 2},
        {SegmentFormat.FIRST_LSN_OFFSET + 7, 99},
        {SegmentFormat.HEADER_CRC_OFFSET, 0x55},
      };
      for (int[] damage : damages) {
        byte[] contents = original.clone();
        contents[damage[0]] = (byte) damage[1];
        io.setContents(segment, contents);
        CorruptCommitLogException e = assertThrows(CorruptCommitLogException.class, this::open);
        assertEquals(segment, e.file());
        assertTrue(e.offset() < SegmentFormat.HEADER_SIZE, e.getMessage());
        assertTrue(e.getMessage().contains("file=" + segment), e.getMessage());
      }
      io.setContents(segment, original);
    }
    io.setContents(segments.get(1), Arrays.copyOf(io.contents(segments.get(1)), 10));
    CorruptCommitLogException e = assertThrows(CorruptCommitLogException.class, this::open);
    assertTrue(e.getMessage().startsWith("corrupt commit log: segment shorter than its header"));
  }

  @Test
  void aHeaderTheNameDoesNotExplainStopsTheOpeningEvenWhenNewest() throws IOException {
    Path newest = segments.getLast();
    io.setContents(newest, SegmentFormat.header(7));
    CorruptCommitLogException e = assertThrows(CorruptCommitLogException.class, this::open);
    assertEquals(SegmentFormat.FIRST_LSN_OFFSET, e.offset());
    assertEquals("5", e.expected());
    assertEquals("7", e.found());
  }

  @Test
  void aMissingSegmentIsAGap() throws IOException {
    io.remove(segments.get(1));
    CorruptCommitLogException e = assertThrows(CorruptCommitLogException.class, this::open);
    assertEquals(segments.get(2), e.file());
    assertEquals("first LSN 3", e.expected());
    assertEquals("first LSN 5", e.found());
  }

  @Test
  void aMissingOldestSegmentIsNotAGap() throws IOException {
    io.remove(segments.get(0));
    try (CommitLog log = open()) {
      assertEquals(written.subList(2, 6), Logs.replay(log, 0));
    }
  }

  @Test
  void aTornRecordInAnOlderSegmentIsCorruption() throws IOException {
    byte[] middle = io.contents(segments.get(1));
    io.setContents(segments.get(1), Arrays.copyOf(middle, middle.length - 1));
    CorruptCommitLogException e = assertThrows(CorruptCommitLogException.class, this::open);
    assertEquals(segments.get(1), e.file());
    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
  }

  @Test
  void anEmptyLogStartsAtOne() throws IOException {
    MemoryFileIo empty = new MemoryFileIo();
    try (CommitLog log = CommitLog.open(DIR, Logs.memory(empty, SyncPolicy.ALWAYS, 1 << 20))) {
      assertEquals(1, log.nextLsn());
      assertEquals(List.of(DIR.resolve(SegmentFormat.fileName(1))), empty.list(DIR));
    }
  }
}
