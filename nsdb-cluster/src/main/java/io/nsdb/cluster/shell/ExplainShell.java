package io.nsdb.cluster.shell;

import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Statement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Reads statements (several lines each, ended by {@code ;}), and for each prints its canonical SQL
 * and its tree, or the parse error with a caret under the offending column. Input left without a
 * closing {@code ;} at the end is still parsed.
 */
public final class ExplainShell {

  private static final String PROMPT = "nsdb> ";
  private static final String CONTINUATION = "   -> ";

  private final BufferedReader in;
  private final PrintWriter out;
  private final boolean prompts;

  /**
   * @param prompts whether to print prompts (only when a person types, not when input is piped)
   */
  public ExplainShell(BufferedReader in, PrintWriter out, boolean prompts) {
    this.in = in;
    this.out = out;
    this.prompts = prompts;
  }

  /** Runs until the input ends; returns how many statements failed. */
  public int run() {
    int errors = 0;
    StringBuilder pending = new StringBuilder();
    try {
      prompt(pending);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        pending.append(line).append('\n');
        if (line.strip().endsWith(";")) {
          errors += explain(pending.toString());
          pending.setLength(0);
        }
        prompt(pending);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shell's input", e);
    }
    if (!pending.toString().isBlank()) {
      errors += explain(pending.toString());
    }
    out.flush();
    return errors;
  }

  /** Parses and shows every statement of {@code text}; returns 1 on a parse error, else 0. */
  int explain(String text) {
    try {
      for (Statement statement :
          new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH).parseScript(text)) {
        out.println(SqlFormatter.format(statement) + ";");
        out.print(TreeRenderer.render((Record) statement));
      }
      return 0;
    } catch (SqlParseException e) {
      out.print(ErrorCaret.render(text, e));
      return 1;
    } finally {
      out.flush();
    }
  }

  private void prompt(StringBuilder pending) {
    if (prompts) {
      out.print(pending.isEmpty() ? PROMPT : CONTINUATION);
      out.flush();
    }
  }
}
