package io.nsdb.cluster.shell;

import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell's engine, the same interactively and in scripts: runs what was typed (statements, or
 * one backslash command), writes results in the session's format and errors in the project's one
 * shape, a caret under the place a statement went wrong. Statements are parsed here first, so a
 * typo is shown at once without a round trip, then sent as typed.
 */
final class Shell {

  /** What running some input came to. */
  enum Outcome {
    OK,
    FAILED,
    /** {@code \quit}. */
    QUIT
  }

  private static final Pattern SUBSCRIBE =
      Pattern.compile("^(\\s*)(subscribe)(?=\\s)", Pattern.CASE_INSENSITIVE);

  private final ServerClient client;
  private final Session session;
  private final Catalog catalog;
  private final ShellOutput output;
  private final CancelSignal cancel;
  private final LongSupplier nanoTime;
  private final SqlParser parser = new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH);
  private final StatementRunner runner;

  Shell(
      ServerClient client,
      Session session,
      Catalog catalog,
      ShellOutput output,
      CancelSignal cancel,
      Clock clock,
      LongSupplier nanoTime) {
    this.client = client;
    this.session = session;
    this.catalog = catalog;
    this.output = output;
    this.cancel = cancel;
    this.nanoTime = nanoTime;
    this.runner = new StatementRunner(client, session, catalog, clock);
  }

  Session session() {
    return session;
  }

  /**
   * Runs the statements of {@code text}, in order; with {@code stopOnError} the first failure ends
   * the run. {@code where} names the text's origin for error messages ({@code null}: not shown, as
   * at the prompt), {@code firstLine} the line of that origin the text starts on.
   */
  Outcome statements(String text, boolean stopOnError, String where, int firstLine) {
    Outcome outcome = Outcome.OK;
    for (StatementSplitter.Piece piece : StatementSplitter.split(text)) {
      if (!statement(piece.text(), where, firstLine + piece.firstLine() - 1)) {
        outcome = Outcome.FAILED;
        if (stopOnError) {
          return outcome;
        }
      }
    }
    return outcome;
  }

  /** Runs one backslash command line. */
  Outcome command(String line) {
    List<String> words = words(line.strip());
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    try {
      switch (name) {
        case "\\q", "\\quit" -> {
          return Outcome.QUIT;
        }
        case "\\help", "\\h", "\\?" -> output.results().print(HelpText.TEXT);
        case "\\format" -> {
          if (!args.isEmpty()) {
            session.format(format(args.get(0)));
          }
          output.notice(session, "format " + session.format().name().toLowerCase(Locale.ROOT));
        }
        case "\\timing" -> {
          session.timing(args.isEmpty() ? !session.timing() : onOff(args.get(0)));
          output.notice(session, "timing " + (session.timing() ? "on" : "off"));
        }
        case "\\timestamps" -> {
          if (!args.isEmpty()) {
            session.epoch(epoch(args.get(0)));
          }
          output.notice(session, "timestamps " + (session.epoch() ? "epoch" : "iso"));
        }
        case "\\import" -> timed(() -> importFile(ImportOptions.parse(args)));
        case "\\watch" -> {
          String select = line.strip().substring(name.length());
          select = select.endsWith(";") ? select.substring(0, select.length() - 1) : select;
          return subscribe(select, select, null, 0) ? Outcome.OK : Outcome.FAILED;
        }
        default ->
            throw new ShellError(
                ShellError.INVALID_COMMAND,
                "unknown command, \\help lists them [command=" + name + "]");
      }
      output.flush();
      return Outcome.OK;
    } catch (ShellError e) {
      report(line.strip(), e, null, 0);
      return Outcome.FAILED;
    }
  }

  private boolean statement(String text, String where, int line) {
    Matcher subscribe = SUBSCRIBE.matcher(text);
    if (subscribe.find()) {
      // Blank the keyword rather than cut it, so positions still point into the typed text.
      String select =
          subscribe.group(1)
              + " ".repeat(subscribe.group(2).length())
              + text.substring(subscribe.end());
      return subscribe(select, text, where, line);
    }
    try {
      Statement statement = parser.parseStatement(text);
      timed(() -> show(runner.run(statement, text)));
      return true;
    } catch (SqlParseException e) {
      report(text, e, where, line);
    } catch (ShellError e) {
      report(text, e, where, line);
    }
    return false;
  }

  /** Subscribes with {@code text}, the statement as typed being {@code typed} (for errors). */
  private boolean subscribe(String text, String typed, String where, int line) {
    try {
      Statement statement = parser.parseStatement(text);
      if (!(statement instanceof Select select)) {
        int column = text.length() - text.stripLeading().length() + 1;
        throw new ShellError("NOT_A_SELECT", "line 1:" + column + ": SUBSCRIBE takes a SELECT")
            .at(1, column);
      }
      timed(() -> new Subscription(client, session, output, cancel).run(select, text));
      return true;
    } catch (SqlParseException e) {
      report(typed, e, where, line);
    } catch (ShellError e) {
      report(typed, e, where, line);
    }
    return false;
  }

  private void importFile(ImportOptions options) {
    try {
      new Importer(client, session, output, cancel, nanoTime).run(options);
    } finally {
      catalog.invalidate();
    }
  }

  private void show(StatementRunner.Result result) {
    Optional<ResultTable> table = result.table();
    table.ifPresent(
        t -> RowWriter.write(RowWriter.of(session.format(), output.results(), session.epoch()), t));
    if (result.notice() != null) {
      output.notice(session, result.notice());
    }
  }

  /** Runs {@code work}, then says how long it took when {@code \timing} is on. */
  private void timed(Runnable work) {
    long started = nanoTime.getAsLong();
    try {
      work.run();
    } finally {
      if (session.timing()) {
        double millis =
            (nanoTime.getAsLong() - started) / (double) TimeUnit.MILLISECONDS.toNanos(1);
        output.notice(session, String.format(Locale.ROOT, "Time: %.3f ms", millis));
      }
    }
  }

  private void report(String text, SqlParseException e, String where, int line) {
    output.error(ErrorCaret.render(text, e) + origin(where, line));
  }

  private void report(String text, ShellError e, String where, int line) {
    if (output.interactive() && e.code().equals(ShellError.CANCELLED)) {
      output.errors().println(); // after the terminal's echo of ^C
    }
    output.error(
        ErrorCaret.render(text, e.code(), e.line(), e.column(), e.getMessage())
            + origin(where, line));
  }

  /** {@code (in queries.sql, the statement from line 12)} for a script; nothing at the prompt. */
  private static String origin(String where, int line) {
    return where == null ? "" : "(in " + where + ", the statement from line " + line + ")\n";
  }

  private static Session.Format format(String text) {
    try {
      return ShellOptions.format(text);
    } catch (ShellOptions.UsageException e) {
      throw new ShellError(ShellError.INVALID_COMMAND, e.getMessage());
    }
  }

  private static boolean onOff(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new ShellError(
              ShellError.INVALID_COMMAND, "\\timing takes on or off, not '" + text + "'");
    };
  }

  private static boolean epoch(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "epoch" -> true;
      case "iso" -> false;
      default ->
          throw new ShellError(
              ShellError.INVALID_COMMAND, "\\timestamps takes iso or epoch, not '" + text + "'");
    };
  }

  /** Splits a command line at blanks; double quotes keep a word with blanks (a file name). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    Matcher matcher = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (matcher.find()) {
      words.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    return words;
  }
}
