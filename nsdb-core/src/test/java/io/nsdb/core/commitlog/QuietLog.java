package io.nsdb.core.commitlog;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the commit log's warnings instead of printing them, for tests that recover thousands of
 * logs. {@code System.Logger} goes to {@code java.util.logging} in nsdb-core's tests.
 */
final class QuietLog implements AutoCloseable {

  private final Logger logger = Logger.getLogger(CommitLog.class.getName());
  private final boolean parentHandlers;
  private final List<String> messages = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (messages) {
            Object[] parameters = record.getParameters();
            messages.add(
                parameters == null || parameters.length == 0
                    ? record.getMessage()
                    : MessageFormat.format(record.getMessage(), parameters));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  QuietLog() {
    parentHandlers = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    logger.setLevel(Level.ALL);
  }

  /** The messages logged since the last call. */
  List<String> take() {
    synchronized (messages) {
      List<String> taken = List.copyOf(messages);
      messages.clear();
      return taken;
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parentHandlers);
    logger.setLevel(null);
  }
}
