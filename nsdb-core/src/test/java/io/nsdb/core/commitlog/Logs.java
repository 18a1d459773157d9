package io.nsdb.core.commitlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the commit log tests. */
final class Logs {

  static final Path DIR = Path.of("/log");

  private Logs() {}

  static List<LoggedEntry> replay(CommitLog log, long afterLsn) throws IOException {
    List<LoggedEntry> entries = new ArrayList<>();
    log.replay(afterLsn, entries::add);
    return entries;
  }

  /** Appends each entry, checking that LSNs follow on; returns them as the log should hold them. */
  static List<LoggedEntry> append(CommitLog log, List<LogEntry> entries) throws IOException {
    List<LoggedEntry> logged = new ArrayList<>();
    for (LogEntry entry : entries) {
      long expected = log.nextLsn();
      long lsn = log.append(entry);
      assertEquals(expected, lsn, "first LSN of an appended entry");
      assertEquals(lsn + entry.lsnCount(), log.nextLsn());
      logged.add(new LoggedEntry(lsn, entry));
    }
    return logged;
  }

  static List<LogEntry> random(RandomEntries entries, int count) {
    List<LogEntry> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(entries.entry());
    }
    return list;
  }

  /** What {@code replay(afterLsn)} must return of {@code logged}: later entries, trimmed. */
  static List<LoggedEntry> after(List<LoggedEntry> logged, long afterLsn) {
    List<LoggedEntry> result = new ArrayList<>();
    for (LoggedEntry e : logged) {
      if (e.firstLsn() > afterLsn) {
        result.add(e);
      } else if (e.lastLsn() > afterLsn) {
        LogEntry.Insert insert = (LogEntry.Insert) e.entry();
        int skip = (int) (afterLsn - e.firstLsn() + 1);
        result.add(
            new LoggedEntry(
                afterLsn + 1,
                new LogEntry.Insert(
                    insert.metric(), insert.bits().subList(skip, insert.bits().size()))));
      }
    }
    return result;
  }

  static CommitLogConfig memory(MemoryFileIo io, SyncPolicy sync, long segmentSize) {
    return CommitLogConfig.defaults().withFileIo(io).withSync(sync).withSegmentSize(segmentSize);
  }
}
