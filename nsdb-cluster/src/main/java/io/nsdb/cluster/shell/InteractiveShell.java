package io.nsdb.cluster.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The shell at a terminal, on JLine: line editing, history kept in a file, statements over several
 * lines until {@code ;}, Tab completion, a prompt naming the current {@code db.namespace}. Ctrl-C
 * while typing drops the line; while a statement runs it stops that statement (the terminal's
 * interrupt goes to the {@link CancelSignal}), never the shell. Ctrl-D on an empty line leaves.
 */
final class InteractiveShell {

  private final Terminal terminal;
  private final Shell shell;
  private final Catalog catalog;
  private final CancelSignal cancel;
  private final Path history;

  InteractiveShell(
      Terminal terminal, Shell shell, Catalog catalog, CancelSignal cancel, Path history) {
    this.terminal = terminal;
    this.shell = shell;
    this.catalog = catalog;
    this.cancel = cancel;
    this.history = history;
  }

  /** Runs until Ctrl-D or {@code \quit}; the exit status is 0. */
  int run(String banner) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("nsdb")
            .parser(new ShellLineParser())
            .completer(new SqlCompleter(catalog, shell.session()))
            .variable(LineReader.HISTORY_FILE, history)
            .variable(LineReader.HISTORY_SIZE, 5000)
            // SQL's != is not a history event; a statement's lines stay as typed.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .option(LineReader.Option.AUTO_FRESH_LINE, true)
            .build();
    terminal.handle(Terminal.Signal.INT, signal -> cancel.fire());
    terminal.writer().println(banner);
    terminal.flush();
    try {
      while (true) {
        String prompt = shell.session().prompt();
        reader.setVariable(
            LineReader.SECONDARY_PROMPT_PATTERN,
            " ".repeat(Math.max(0, prompt.length() - 3)) + "-> ");
        String input;
        try {
          input = reader.readLine(prompt);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return ScriptRunner.OK;
        }
        if (input.isBlank()) {
          continue;
        }
        Shell.Outcome outcome =
            input.strip().startsWith("\\")
                ? shell.command(input)
                : shell.statements(input, false, null, 1);
        terminal.flush();
        if (outcome == Shell.Outcome.QUIT) {
          return ScriptRunner.OK;
        }
      }
    } finally {
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        terminal.writer().println("cannot save the history in " + history + ": " + e.getMessage());
      }
      terminal.flush();
    }
  }
}
