package io.nsdb.cluster.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs a script (from {@code -e}, {@code -f} or standard input) line by line, as they arrive: a
 * line starting with {@code \} is a command when no statement is pending, anything else gathers
 * into statements run at each closing {@code ;} (and at the end, the last one without it). Stops at
 * the first failure unless told to go on. Nothing is prompted or announced, so output suits pipes.
 */
final class ScriptRunner {

  /** Every statement succeeded. */
  static final int OK = 0;

  /** A statement or command failed. */
  static final int FAILED = 1;

  private final Shell shell;
  private final boolean continueOnError;

  ScriptRunner(Shell shell, boolean continueOnError) {
    this.shell = shell;
    this.continueOnError = continueOnError;
  }

  /** Runs {@code in} to its end (or its first failure); {@code source} names it in errors. */
  int run(BufferedReader in, String source) {
    boolean failed = false;
    StringBuilder pending = new StringBuilder();
    int pendingLine = 1;
    int number = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        Shell.Outcome outcome = Shell.Outcome.OK;
        if (pending.toString().isBlank() && line.strip().startsWith("\\")) {
          pending.setLength(0);
          outcome = shell.command(line);
        } else {
          if (pending.toString().isBlank()) {
            pending.setLength(0);
            pendingLine = number;
          }
          pending.append(line).append('\n');
          if (StatementSplitter.isComplete(pending.toString())) {
            outcome = shell.statements(pending.toString(), !continueOnError, source, pendingLine);
            pending.setLength(0);
          }
        }
        if (outcome == Shell.Outcome.QUIT) {
          return failed ? FAILED : OK;
        }
        if (outcome == Shell.Outcome.FAILED) {
          failed = true;
          if (!continueOnError) {
            return FAILED;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (!pending.toString().isBlank()
        && shell.statements(pending.toString(), !continueOnError, source, pendingLine)
            == Shell.Outcome.FAILED) {
      failed = true;
    }
    return failed ? FAILED : OK;
  }
}
