package io.nsdb.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file-system operations the storage layer needs, and nothing more, so that tests can replace
 * the disk: fail a chosen call, or "crash" and keep only what was forced (see the commit log's
 * crash tests). Production code uses {@link #nio()}.
 *
 * <p>Durability contract, as on a POSIX file system: bytes given to {@link FileHandle#write} are
 * visible to readers at once but survive a machine crash only after {@link FileHandle#force}; a
 * created or deleted file name survives a machine crash only after {@link #syncDirectory} of its
 * directory.
 */
public interface FileIo {

  /** The implementation over {@code java.nio} file channels. */
  static FileIo nio() {
    return NioFileIo.INSTANCE;
  }

  /**
   * Opens a file for reading and writing.
   *
   * @param create {@code true}: create a new file and fail if it exists; {@code false}: open an
   *     existing file and fail if it does not exist
   */
  FileHandle open(Path file, boolean create) throws IOException;

  /** The regular files directly in {@code dir}, sorted by name. */
  List<Path> list(Path dir) throws IOException;

  /** Deletes a file; it must exist. */
  void delete(Path file) throws IOException;

  /** Creates a directory and its missing parents; nothing happens if it exists. */
  void createDirectories(Path dir) throws IOException;

  /**
   * Makes the creation and deletion of the directory's entries durable (fsync of the directory).
   */
  void syncDirectory(Path dir) throws IOException;
}
