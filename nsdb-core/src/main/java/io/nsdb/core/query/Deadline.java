package io.nsdb.core.query;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import java.time.Duration;

/** A query's time budget, checked between chunks; also where cancellation is noticed. */
final class Deadline {

  private final long deadlineNanos;
  private final Duration timeout;

  Deadline(Duration timeout) {
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new NsdbException(ErrorCode.QUERY_CANCELLED, "query cancelled");
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new NsdbException(
          ErrorCode.QUERY_TIMEOUT, "query ran past its timeout [timeout=" + timeout + "]");
    }
  }
}
