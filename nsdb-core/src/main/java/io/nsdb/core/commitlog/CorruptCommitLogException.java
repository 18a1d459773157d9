package io.nsdb.core.commitlog;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The commit log's files hold something a crash cannot explain: a bad header, a record that fails
 * its checksum with valid records after it, a gap between LSNs. Recovery stops rather than skip
 * data; the message names the file, the byte offset, and what was expected and found.
 */
public final class CorruptCommitLogException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final String expected;
  private final String found;

  public CorruptCommitLogException(
      String what, Path file, long offset, String expected, String found) {
    this(what, file, offset, expected, found, null);
  }

  public CorruptCommitLogException(
      String what, Path file, long offset, String expected, String found, Throwable cause) {
    super(
        "corrupt commit log: "
            + what
            + " [file="
            + file
            + ", offset="
            + offset
            + ", expected="
            + expected
            + ", found="
            + found
            + "]",
        cause);
    this.file = file;
    this.offset = offset;
    this.expected = expected;
    this.found = found;
  }

  public Path file() {
    return file;
  }

  /** The byte offset in {@link #file()} where the problem starts. */
  public long offset() {
    return offset;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
