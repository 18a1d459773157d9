package io.nsdb.core.commitlog;

import io.nsdb.core.io.FileHandle;
import io.nsdb.core.io.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * One segment file of a {@link CommitLog}: its LSN range and size, and while it is the active
 * segment, its open handle. Only the log's writer (under its lock) writes, rolls and closes it;
 * {@link #force} may run on any thread.
 */
final class Segment {

  final Path file;
  final long firstLsn;

  /** The last LSN of the last whole record written; {@code firstLsn - 1} while empty. */
  private volatile long lastLsn;

  private volatile long size;

  private FileHandle handle; // null once closed

  private IOException forceFailure;

  Segment(Path file, long firstLsn, long lastLsn, long size, FileHandle handle) {
    this.file = file;
    this.firstLsn = firstLsn;
    this.lastLsn = lastLsn;
    this.size = size;
    this.handle = handle;
  }

  /**
   * Creates the segment file that starts at {@code firstLsn}, writes its header and makes both the
   * header and the file's name durable, so that the next LSN survives even while the segment holds
   * no record.
   */
  static Segment create(FileIo io, Path dir, long firstLsn, LongAdder fsyncs) throws IOException {
    Path file = dir.resolve(SegmentFormat.fileName(firstLsn));
    FileHandle handle = io.open(file, true);
    try {
      handle.write(ByteBuffer.wrap(SegmentFormat.header(firstLsn)), 0);
      handle.force();
      fsyncs.increment();
      io.syncDirectory(dir);
      fsyncs.increment();
    } catch (IOException | RuntimeException e) {
      try {
        handle.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new Segment(file, firstLsn, firstLsn - 1, SegmentFormat.HEADER_SIZE, handle);
  }

  long lastLsn() {
    return lastLsn;
  }

  long size() {
    return size;
  }

  boolean hasRecords() {
    return lastLsn >= firstLsn;
  }

  /** Appends a sealed record; it is then visible to readers (in the OS page cache). */
  void append(byte[] record, long recordLastLsn) throws IOException {
    handle.write(ByteBuffer.wrap(record), size);
    size += record.length;
    lastLsn = recordLastLsn; // after the write: a syncing thread reads it to know what it covers
  }

  /**
   * Forces what was written. Returns {@code false} without forcing if the segment is closed, which
   * it only is after a successful force. Once a force failed, every later one fails too: after a
   * failed fsync the OS may have dropped the dirty pages, so a later fsync that succeeds proves
   * nothing.
   */
  synchronized boolean force() throws IOException {
    if (forceFailure != null) {
      throw new IOException(
          "an earlier fsync of this segment failed [file=" + file + "]", forceFailure);
    }
    if (handle == null) {
      return false;
    }
    try {
      handle.force();
      return true;
    } catch (IOException e) {
      forceFailure = e;
      throw e;
    }
  }

  /** Closes the handle; the caller has forced it if it wanted to. */
  synchronized void close() throws IOException {
    if (handle != null) {
      FileHandle h = handle;
      handle = null;
      h.close();
    }
  }
}
