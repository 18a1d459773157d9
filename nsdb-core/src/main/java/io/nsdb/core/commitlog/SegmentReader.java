package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.SegmentFormat.MAX_BODY;
import static io.nsdb.core.commitlog.SegmentFormat.MIN_BODY;
import static io.nsdb.core.commitlog.SegmentFormat.RECORD_PREFIX;

import io.nsdb.core.io.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads the records of one segment file up to a limit, through a small window so that sequential
 * reads and the byte-by-byte search of {@link #findValidRecord} make few calls to the file.
 */
final class SegmentReader {

  /** What {@link #read} found at an offset. */
  sealed interface Result {}

  /**
   * A whole record whose checksum, LSN, type and LSN count are right; {@code bytes} is all of it,
   * its payload starts at {@code payloadStart}.
   */
  record Valid(long offset, long lsn, int type, int lsnCount, byte[] bytes, int payloadStart)
      implements Result {
    long end() {
      return offset + bytes.length;
    }

    long lastLsn() {
      return lsn + lsnCount - 1;
    }
  }

  /** The limit was reached exactly at a record boundary. */
  record End() implements Result {}

  /**
   * Not a valid record. {@code tornCandidate}: a crash in the middle of writing could leave this
   * (short, cut off, or failing its checksum); otherwise the bytes pass their checksum but are
   * wrong, which only corruption or a bug explains.
   */
  record Invalid(long offset, String what, String expected, String found, boolean tornCandidate)
      implements Result {}

  private static final int WINDOW = 64 * 1024;

  private final FileHandle handle;
  private final Path file;
  private final long limit;
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;

  SegmentReader(FileHandle handle, Path file, long limit) {
    this.handle = handle;
    this.file = file;
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  /** Reads {@code [position, position + length)}, which must lie below the limit. */
  byte[] bytes(long position, int length) throws IOException {
    byte[] dst = new byte[length];
    readFully(position, dst, 0, length);
    return dst;
  }

  /** Reads the record at {@code offset}, which the caller expects to carry {@code expectedLsn}. */
  Result read(long offset, long expectedLsn) throws IOException {
    long remaining = limit - offset;
    if (remaining == 0) {
      return new End();
    }
    if (remaining < RECORD_PREFIX) {
      return new Invalid(
          offset, "incomplete record header", RECORD_PREFIX + " bytes", remaining + " bytes", true);
    }
    int length = intAt(offset);
    if (length < MIN_BODY || length > MAX_BODY) {
      return new Invalid(
          offset,
          "record length out of range",
          MIN_BODY + ".." + MAX_BODY,
          String.valueOf(length),
          true);
    }
    if (length > remaining - RECORD_PREFIX) {
      return new Invalid(
          offset,
          "record runs past the end of the file",
          length + " bytes of record body",
          (remaining - RECORD_PREFIX) + " bytes left",
          true);
    }
    byte[] record = bytes(offset, RECORD_PREFIX + length);
    int stored = Bytes.getInt(record, 4);
    int actual = SegmentFormat.recordCrc(record, 0, length);
    if (stored != actual) {
      return new Invalid(
          offset,
          "record checksum mismatch",
          SegmentFormat.hex(actual),
          SegmentFormat.hex(stored),
          true);
    }
    long lsn = Bytes.getLong(record, RECORD_PREFIX);
    if (lsn != expectedLsn) {
      return new Invalid(
          offset, "unexpected LSN", String.valueOf(expectedLsn), String.valueOf(lsn), false);
    }
    int type = record[RECORD_PREFIX + 8] & 0xFF;
    if (!EntryCodec.isType(type)) {
      return new Invalid(offset, "unknown record type", "1..4", String.valueOf(type), false);
    }
    Bytes.In in = new Bytes.In(record, RECORD_PREFIX + 9, record.length);
    int lsnCount;
    try {
      lsnCount = in.readVarInt(Integer.MAX_VALUE);
    } catch (Bytes.MalformedException e) {
      return new Invalid(offset, "bad LSN count", "a varint", e.getMessage(), false);
    }
    if (lsnCount < 1
        || (type != EntryCodec.INSERT && lsnCount != 1)
        || lsn > Long.MAX_VALUE - lsnCount) {
      return new Invalid(
          offset,
          "bad LSN count",
          type == EntryCodec.INSERT ? ">= 1" : "1",
          String.valueOf(lsnCount),
          false);
    }
    return new Valid(offset, lsn, type, lsnCount, record, in.position());
  }

  /**
   * The offset of the first record in {@code [from, limit)} that passes its checksum and carries an
   * LSN after {@code lastValidLsn} that the bytes in between could explain, or -1. Used to tell a
   * torn tail (nothing valid after the bad record) from corruption in the middle of the log.
   */
  long findValidRecord(long from, long lastValidLsn) throws IOException {
    for (long p = from; p <= limit - RECORD_PREFIX - MIN_BODY; p++) {
      int length = intAt(p);
      if (length < MIN_BODY || length > MAX_BODY || length > limit - p - RECORD_PREFIX) {
        continue;
      }
      long lsn = longAt(p + RECORD_PREFIX);
      // Every LSN takes at least one byte, so the bytes skipped bound how far LSNs can have moved.
      if (lsn <= lastValidLsn || lsn - lastValidLsn > p - from + 2) {
        continue;
      }
      byte[] record = bytes(p, RECORD_PREFIX + length);
      if (Bytes.getInt(record, 4) == SegmentFormat.recordCrc(record, 0, length)) {
        return p;
      }
    }
    return -1;
  }

  private int intAt(long position) throws IOException {
    int at = ensure(position, 4);
    return Bytes.getInt(window, at);
  }

  private long longAt(long position) throws IOException {
    int at = ensure(position, 8);
    return Bytes.getLong(window, at);
  }

  /** Loads the window so that it holds {@code [position, position + n)}; returns its index. */
  private int ensure(long position, int n) throws IOException {
    if (position < windowStart || position + n > windowStart + windowLength) {
      int length = (int) Math.min(WINDOW, limit - position);
      fill(position, window, 0, length);
      windowStart = position;
      windowLength = length;
    }
    return (int) (position - windowStart);
  }

  private void readFully(long position, byte[] dst, int offset, int length) throws IOException {
    if (position >= windowStart && position + length <= windowStart + windowLength) {
      System.arraycopy(window, (int) (position - windowStart), dst, offset, length);
    } else if (length <= WINDOW / 4) {
      int at = ensure(position, length);
      System.arraycopy(window, at, dst, offset, length);
    } else {
      fill(position, dst, offset, length);
    }
  }

  private void fill(long position, byte[] dst, int offset, int length) throws IOException {
    if (position + length > limit) {
      throw new IllegalStateException("read past the limit");
    }
    ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
    while (buffer.hasRemaining()) {
      int n = handle.read(buffer, position + buffer.position() - offset);
      if (n < 0) {
        throw new CorruptCommitLogException(
            "file shorter than expected",
            file,
            position + buffer.position() - offset,
            limit + " bytes",
            "end of file");
      }
    }
  }
}
