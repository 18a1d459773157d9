package io.nsdb.core.commitlog;

import java.util.Objects;

/**
 * An entry as the commit log holds it: the first of its LSNs and the entry. Its LSNs are {@code
 * firstLsn} to {@link #lastLsn()}.
 */
public record LoggedEntry(long firstLsn, LogEntry entry) {

  public LoggedEntry {
    if (firstLsn < 1) {
      throw new IllegalArgumentException("LSNs start at 1 [firstLsn=" + firstLsn + "]");
    }
    Objects.requireNonNull(entry, "entry");
  }

  public long lastLsn() {
    return firstLsn + entry.lsnCount() - 1;
  }
}
