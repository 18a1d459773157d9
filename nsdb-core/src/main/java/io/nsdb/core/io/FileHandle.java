package io.nsdb.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open file, read and written at explicit positions. Reads and writes at different positions may
 * run concurrently; {@link #force} may run concurrently with both.
 */
public interface FileHandle extends Closeable {

  /**
   * Reads up to {@code dst.remaining()} bytes starting at {@code position}.
   *
   * @return the number of bytes read, {@code -1} at or past the end of the file
   */
  int read(ByteBuffer dst, long position) throws IOException;

  /** Writes all of {@code src} at {@code position}, growing the file if needed. */
  void write(ByteBuffer src, long position) throws IOException;

  /** The file's current size in bytes. */
  long size() throws IOException;

  /** Cuts the file to {@code size} bytes; durable only after {@link #force}. */
  void truncate(long size) throws IOException;

  /**
   * Makes everything written so far durable, including the file's size (fdatasync; not the file's
   * other metadata such as its modification time).
   */
  void force() throws IOException;
}
