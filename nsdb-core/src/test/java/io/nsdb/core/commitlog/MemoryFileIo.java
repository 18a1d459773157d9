package io.nsdb.core.commitlog;

import io.nsdb.core.io.FileHandle;
import io.nsdb.core.io.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * An in-memory file system that knows what a machine crash would keep, after Lucene's {@code
 * MockDirectoryWrapper}: a file's bytes are durable as of its last {@link FileHandle#force}, a
 * directory's entries as of its last {@link #syncDirectory}. {@link #crash} returns the file system
 * a reboot would find, and every handle of this one fails from then on. It can also fail the next
 * force, and make forces slow like a disk.
 */
final class MemoryFileIo implements FileIo {

  private static final class MemFile {
    byte[] data = new byte[0];
    int size;
    byte[] durable = new byte[0];

    MemFile() {}

    MemFile(byte[] contents) {
      data = contents.clone();
      size = contents.length;
      durable = contents.clone();
    }

    byte[] contents() {
      return Arrays.copyOf(data, size);
    }
  }

  private final Map<Path, MemFile> files = new HashMap<>();

  /** Per directory, the entries a crash would keep. */
  private final Map<Path, Map<Path, MemFile>> durableEntries = new HashMap<>();

  private final Set<Path> dirs = new HashSet<>();
  private boolean crashed;
  private boolean failNextForce;
  private volatile long forceNanos;

  /** Makes every force take this long, as a disk would. */
  MemoryFileIo forceDelay(long nanos) {
    forceNanos = nanos;
    return this;
  }

  synchronized void failNextForce() {
    failNextForce = true;
  }

  @Override
  public synchronized FileHandle open(Path file, boolean create) throws IOException {
    checkAlive();
    MemFile f = files.get(file);
    if (create) {
      if (f != null) {
        throw new FileAlreadyExistsException(file.toString());
      }
      if (!dirs.contains(file.getParent())) {
        throw new NoSuchFileException(file.getParent().toString());
      }
      f = new MemFile();
      files.put(file, f);
    } else if (f == null) {
      throw new NoSuchFileException(file.toString());
    }
    return new Handle(f);
  }

  @Override
  public synchronized List<Path> list(Path dir) throws IOException {
    checkAlive();
    if (!dirs.contains(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    return files.keySet().stream().filter(p -> dir.equals(p.getParent())).sorted().toList();
  }

  @Override
  public synchronized void delete(Path file) throws IOException {
    checkAlive();
    if (files.remove(file) == null) {
      throw new NoSuchFileException(file.toString());
    }
  }

  @Override
  public synchronized void createDirectories(Path dir) throws IOException {
    checkAlive();
    dirs.add(dir); // directories themselves are durable at once: the log never creates them twice
  }

  @Override
  public synchronized void syncDirectory(Path dir) throws IOException {
    checkAlive();
    Map<Path, MemFile> entries = new HashMap<>();
    files.forEach(
        (path, file) -> {
          if (dir.equals(path.getParent())) {
            entries.put(path, file);
          }
        });
    durableEntries.put(dir, entries);
  }

  /**
   * What a reboot after a crash now would find: each durable directory entry with its forced bytes,
   * followed (when the unforced bytes extend them) by a random prefix of the unforced bytes and
   * sometimes by zeros, as a file system that had grown the file but not written its pages leaves.
   */
  synchronized MemoryFileIo crash(Random random) {
    crashed = true;
    MemoryFileIo after = new MemoryFileIo();
    after.dirs.addAll(dirs);
    durableEntries.forEach(
        (dir, entries) -> {
          Map<Path, MemFile> kept = new HashMap<>();
          entries.forEach(
              (path, file) -> {
                byte[] bytes = file.durable;
                int durable = bytes.length;
                if (file.size > durable
                    && Arrays.equals(file.data, 0, durable, bytes, 0, durable)
                    && random.nextBoolean()) {
                  int keep = random.nextInt(file.size - durable + 1);
                  int zeros = random.nextInt(4) == 0 ? random.nextInt(file.size - durable + 1) : 0;
                  bytes = Arrays.copyOf(file.data, durable + keep + zeros);
                  Arrays.fill(bytes, durable + keep, bytes.length, (byte) 0);
                }
                MemFile survivor = new MemFile(bytes);
                kept.put(path, survivor);
                after.files.put(path, survivor);
              });
          after.durableEntries.put(dir, kept);
        });
    return after;
  }

  /** A copy whose files hold what this one's hold now, all of it durable. */
  synchronized MemoryFileIo copy() {
    MemoryFileIo copy = new MemoryFileIo();
    copy.dirs.addAll(dirs);
    files.forEach((path, file) -> copy.files.put(path, new MemFile(file.contents())));
    for (Path dir : dirs) {
      Map<Path, MemFile> entries = new HashMap<>();
      copy.files.forEach(
          (path, file) -> {
            if (dir.equals(path.getParent())) {
              entries.put(path, file);
            }
          });
      copy.durableEntries.put(dir, entries);
    }
    return copy;
  }

  synchronized byte[] contents(Path file) throws NoSuchFileException {
    MemFile f = files.get(file);
    if (f == null) {
      throw new NoSuchFileException(file.toString());
    }
    return f.contents();
  }

  /** Replaces a file's contents, durably. */
  synchronized void setContents(Path file, byte[] contents) {
    files.put(file, new MemFile(contents));
    Path dir = file.getParent();
    durableEntries.computeIfAbsent(dir, d -> new HashMap<>()).put(file, files.get(file));
  }

  synchronized void remove(Path file) {
    files.remove(file);
    durableEntries.getOrDefault(file.getParent(), new HashMap<>()).remove(file);
  }

  private void checkAlive() throws IOException {
    if (crashed) {
      throw new IOException("simulated crash: this file system is gone");
    }
  }

  private final class Handle implements FileHandle {
    private final MemFile file;
    private boolean closed;

    Handle(MemFile file) {
      this.file = file;
    }

    private void check() throws IOException {
      checkAlive();
      if (closed) {
        throw new IOException("handle closed");
      }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      synchronized (MemoryFileIo.this) {
        check();
        if (position >= file.size) {
          return -1;
        }
        int n = (int) Math.min(dst.remaining(), file.size - position);
        dst.put(file.data, (int) position, n);
        return n;
      }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
      synchronized (MemoryFileIo.this) {
        check();
        int end = Math.toIntExact(position + src.remaining());
        if (end > file.data.length) {
          file.data = Arrays.copyOf(file.data, Math.max(end, file.data.length * 2));
        }
        if (position > file.size) {
          Arrays.fill(file.data, file.size, (int) position, (byte) 0);
        }
        src.get(file.data, (int) position, src.remaining());
        file.size = Math.max(file.size, end);
      }
    }

    @Override
    public long size() throws IOException {
      synchronized (MemoryFileIo.this) {
        check();
        return file.size;
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      synchronized (MemoryFileIo.this) {
        check();
        if (size < file.size) {
          file.size = (int) size;
        }
      }
    }

    @Override
    public void force() throws IOException {
      long delay = forceNanos;
      if (delay > 0) {
        LockSupport.parkNanos(delay); // outside the lock: a disk is busy, not the whole machine
      }
      synchronized (MemoryFileIo.this) {
        check();
        if (failNextForce) {
          failNextForce = false;
          throw new IOException("simulated fsync failure");
        }
        file.durable = file.contents();
      }
    }

    @Override
    public void close() {
      synchronized (MemoryFileIo.this) {
        closed = true;
      }
    }
  }
}
