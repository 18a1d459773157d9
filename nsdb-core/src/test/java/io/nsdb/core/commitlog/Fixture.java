package io.nsdb.core.commitlog;

import static io.nsdb.core.commitlog.Logs.DIR;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small log written into a {@link MemoryFileIo}, with where each record lies, for the tests that
 * damage it byte by byte.
 */
final class Fixture {

  /** One record: its segment file, its byte range there, and what it holds. */
  record Placed(Path file, long start, long end, LoggedEntry logged) {}

  final MemoryFileIo io = new MemoryFileIo();
  final CommitLogConfig config;
  final List<Placed> records = new ArrayList<>();

  Fixture(List<LogEntry> entries, long segmentSize) throws IOException {
    config = Logs.memory(io, SyncPolicy.ALWAYS, segmentSize);
    try (CommitLog log = CommitLog.open(DIR, config)) {
      for (LogEntry entry : entries) {
        long lsn = log.append(entry);
        Path file = io.list(DIR).getLast();
        long end = io.contents(file).length;
        long start = end - SegmentFormat.record(entry).length;
        records.add(new Placed(file, start, end, new LoggedEntry(lsn, entry)));
      }
    }
  }

  List<Path> files() throws IOException {
    return io.list(DIR);
  }

  List<LoggedEntry> logged() {
    return records.stream().map(Placed::logged).toList();
  }

  /**
   * The records that lie in {@code file} and end at or before {@code offset}, or in older files.
   */
  List<LoggedEntry> before(Path file, long offset) {
    List<LoggedEntry> kept = new ArrayList<>();
    for (Placed p : records) {
      int order = p.file().compareTo(file);
      if (order < 0 || (order == 0 && p.end() <= offset)) {
        kept.add(p.logged());
      }
    }
    return kept;
  }

  CommitLogConfig config(MemoryFileIo copy) {
    return config.withFileIo(copy);
  }
}
