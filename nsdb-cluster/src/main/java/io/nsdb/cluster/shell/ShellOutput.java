package io.nsdb.cluster.shell;

import java.io.PrintWriter;

/**
 * Where the shell writes. Interactively everything goes to the terminal. In a script, results go to
 * standard output and errors to standard error; notices (row counts, timings, "1 point written") go
 * with the results of a table, but to standard error for CSV and JSON, so that a pipe gets only
 * data.
 *
 * @param results rows and, in table format, notices
 * @param errors errors, progress, and notices outside table format
 * @param interactive a person at a terminal: progress redraws itself in place
 */
record ShellOutput(PrintWriter results, PrintWriter errors, boolean interactive) {

  /** Where a notice goes under {@code session}'s format. */
  PrintWriter notices(Session session) {
    return interactive || session.format() == Session.Format.TABLE ? results : errors;
  }

  void notice(Session session, String text) {
    PrintWriter out = notices(session);
    out.println(text);
    out.flush();
  }

  void error(String text) {
    errors.print(text.endsWith("\n") ? text : text + "\n");
    errors.flush();
  }

  void flush() {
    results.flush();
    errors.flush();
  }
}
