package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.SegmentFormat.HEADER_SIZE;

import io.nsdb.core.commitlog.SegmentReader.End;
import io.nsdb.core.commitlog.SegmentReader.Invalid;
import io.nsdb.core.commitlog.SegmentReader.Valid;
import io.nsdb.core.io.FileHandle;
import io.nsdb.core.io.FileIo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opening a commit log directory: checks every segment, cuts a torn tail off the newest one, and
 * refuses anything else that is wrong. The rules are in {@code package-info.java}.
 */
final class Recovery {

  private static final System.Logger LOG = System.getLogger(CommitLog.class.getName());

  private final FileIo io;
  private final Path dir;
  private final LongAdder fsyncs;

  private Recovery(FileIo io, Path dir, LongAdder fsyncs) {
    this.io = io;
    this.dir = dir;
    this.fsyncs = fsyncs;
  }

  /**
   * The directory's segments, oldest first; the last one is open for appending and forced. An empty
   * directory gets a first segment starting at LSN 1.
   */
  static List<Segment> recover(FileIo io, Path dir, LongAdder fsyncs) throws IOException {
    return new Recovery(io, dir, fsyncs).run();
  }

  private List<Segment> run() throws IOException {
    io.createDirectories(dir);
    List<Path> files =
        io.list(dir).stream()
            .filter(f -> SegmentFormat.firstLsnOf(f) > 0)
            .sorted(Comparator.comparingLong(SegmentFormat::firstLsnOf))
            .toList();
    List<Segment> segments = new ArrayList<>(files.size());
    if (files.isEmpty()) {
      segments.add(Segment.create(io, dir, 1, fsyncs));
      return segments;
    }
    try {
      long expectedFirstLsn = -1;
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        long firstLsn = SegmentFormat.firstLsnOf(file);
        if (expectedFirstLsn >= 0 && firstLsn != expectedFirstLsn) {
          throw new CorruptCommitLogException(
              "segment does not continue the LSNs of the previous one (a segment is missing or"
                  + " overlaps)",
              file,
              SegmentFormat.FIRST_LSN_OFFSET,
              "first LSN " + expectedFirstLsn,
              "first LSN " + firstLsn);
        }
        Segment segment = scan(file, firstLsn, i == files.size() - 1);
        segments.add(segment);
        expectedFirstLsn = segment.lastLsn() + 1;
      }
      io.syncDirectory(dir); // a segment created just before a crash may not have reached it
      fsyncs.increment();
      return segments;
    } catch (IOException | RuntimeException e) {
      for (Segment segment : segments) {
        try {
          segment.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Checks one segment. The newest stays open (for appending) and is forced; others are closed. */
  private Segment scan(Path file, long firstLsn, boolean newest) throws IOException {
    FileHandle handle = io.open(file, false);
    try {
      Segment segment = scan(file, handle, firstLsn, newest);
      if (newest) {
        // Its bytes may be in the page cache only, left by a process that crashed: make them as
        // durable as what this process will append.
        handle.force();
        fsyncs.increment();
      } else {
        handle.close();
      }
      return segment;
    } catch (IOException | RuntimeException e) {
      try {
        handle.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Segment scan(Path file, FileHandle handle, long firstLsn, boolean newest)
      throws IOException {
    long size = handle.size();
    SegmentReader reader = new SegmentReader(handle, file, size);
    if (newest && cutShortAtCreation(reader, firstLsn)) {
      LOG.log(
          Level.WARNING,
          "commit log: rewrote the header of a segment cut short at its creation [file="
              + file
              + ", bytes="
              + size
              + "]");
      handle.truncate(0);
      handle.write(ByteBuffer.wrap(SegmentFormat.header(firstLsn)), 0);
      return new Segment(file, firstLsn, firstLsn - 1, HEADER_SIZE, handle);
    }
    if (size < HEADER_SIZE) {
      throw new CorruptCommitLogException(
          "segment shorter than its header", file, size, HEADER_SIZE + " bytes", size + " bytes");
    }
    SegmentFormat.checkHeader(reader.bytes(0, HEADER_SIZE), file, firstLsn);
    long offset = HEADER_SIZE;
    long expectedLsn = firstLsn;
    while (true) {
      switch (reader.read(offset, expectedLsn)) {
        case Valid record -> {
          offset = record.end();
          expectedLsn = record.lastLsn() + 1;
        }
        case End end -> {
          return new Segment(file, firstLsn, expectedLsn - 1, offset, newest ? handle : null);
        }
        case Invalid bad -> {
          if (!newest || !bad.tornCandidate()) {
            throw corrupt(bad, file, "");
          }
          long valid = reader.findValidRecord(bad.offset() + 1, expectedLsn - 1);
          if (valid >= 0) {
            throw corrupt(bad, file, ", and a valid record follows at offset " + valid);
          }
          LOG.log(
              Level.WARNING,
              "commit log: truncated a torn tail [file="
                  + file
                  + ", offset="
                  + bad.offset()
                  + ", droppedBytes="
                  + (size - bad.offset())
                  + ", reason="
                  + bad.what()
                  + ", lastLsn="
                  + (expectedLsn - 1)
                  + "]");
          handle.truncate(bad.offset());
          return new Segment(file, firstLsn, expectedLsn - 1, bad.offset(), handle);
        }
      }
    }
  }

  /**
   * Whether the newest segment is what a crash during {@link Segment#create} leaves: no more bytes
   * than a header, and those are zeros or the start of the header its name implies.
   */
  private static boolean cutShortAtCreation(SegmentReader reader, long firstLsn)
      throws IOException {
    long size = reader.limit();
    if (size > HEADER_SIZE) {
      return false;
    }
    byte[] present = reader.bytes(0, (int) size);
    byte[] expected = SegmentFormat.header(firstLsn);
    if (size == HEADER_SIZE && Arrays.equals(present, expected)) {
      return false; // a whole header: an empty segment
    }
    boolean zeros = true;
    for (byte b : present) {
      zeros &= b == 0;
    }
    return zeros || Arrays.equals(present, 0, (int) size, expected, 0, (int) size);
  }

  private static CorruptCommitLogException corrupt(Invalid bad, Path file, String more) {
    return new CorruptCommitLogException(
        bad.what() + more, file, bad.offset(), bad.expected(), bad.found());
  }
}
