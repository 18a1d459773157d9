package io.nsdb.cluster.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;

/**
 * {@code ./nsdb shell}: the SQL client of a running server. Interactive at a terminal ({@link
 * InteractiveShell}); a script with {@code -e}, {@code -f} or piped input ({@link ScriptRunner}),
 * whose exit status says whether every statement succeeded.
 */
public final class ShellMain {

  /** The command line could not be used (usage printed), or a script file cannot be read. */
  static final int USAGE = 2;

  /** What a shell run by a signal exits with, as shells report SIGINT. */
  private static final int INTERRUPTED = 130;

  private ShellMain() {}

  public static void main(String[] args) {
    if (wantsHelp(args)) {
      System.out.print(ShellOptions.USAGE);
      System.exit(0);
    }
    ShellOptions options;
    try {
      options = ShellOptions.parse(args);
    } catch (ShellOptions.UsageException e) {
      System.err.println("nsdb shell: " + e.getMessage());
      System.err.print(ShellOptions.USAGE);
      System.exit(USAGE);
      return;
    }
    if (options.execute().isEmpty() && options.file().isEmpty() && stdinIsTerminal()) {
      int status;
      try (Terminal terminal = TerminalBuilder.builder().name("nsdb").system(true).build()) {
        status = interactive(options, terminal);
      } catch (IOException e) {
        System.err.println("nsdb shell: cannot open the terminal: " + e.getMessage());
        status = 1;
      }
      System.exit(status);
    }
    // In a script Ctrl-C stops the running statement (a SUBSCRIBE ends normally); between
    // statements it ends the shell.
    CancelSignal cancel = new CancelSignal(() -> Runtime.getRuntime().halt(INTERRUPTED));
    Signals.register("INT", cancel::fire);
    System.exit(script(options, System.in, System.out, System.err, cancel));
  }

  /**
   * Runs {@code args} as a script over the given streams (standard input unless {@code -e} or
   * {@code -f}); returns the exit status. What {@code main} does without a terminal, for tests too.
   */
  static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
    PrintWriter errors = writer(err);
    if (wantsHelp(args)) {
      PrintWriter results = writer(out);
      results.print(ShellOptions.USAGE);
      results.flush();
      return ScriptRunner.OK;
    }
    try {
      return script(ShellOptions.parse(args), in, out, err, CancelSignal.ignoringIdle());
    } catch (ShellOptions.UsageException e) {
      errors.println("nsdb shell: " + e.getMessage());
      errors.print(ShellOptions.USAGE);
      errors.flush();
      return USAGE;
    }
  }

  static int script(
      ShellOptions options,
      InputStream in,
      OutputStream out,
      OutputStream err,
      CancelSignal cancel) {
    PrintWriter results = writer(out);
    PrintWriter errors = writer(err);
    ShellOutput output = new ShellOutput(results, errors, false);
    Shell shell = shell(options, output, cancel);
    ScriptRunner runner = new ScriptRunner(shell, options.continueOnError());
    try {
      if (!options.execute().isEmpty()) {
        String script = String.join("\n", options.execute());
        return runner.run(new BufferedReader(new StringReader(script)), "-e");
      }
      if (options.file().isPresent()) {
        Path file = options.file().get();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          return runner.run(reader, file.toString());
        } catch (IOException e) {
          errors.println("nsdb shell: cannot read " + file + ": " + e.getMessage());
          return USAGE;
        }
      }
      return runner.run(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "stdin");
    } finally {
      output.flush();
    }
  }

  /** The interactive shell on {@code terminal}; returns the exit status. */
  static int interactive(ShellOptions options, Terminal terminal) {
    PrintWriter screen = terminal.writer();
    ShellOutput output = new ShellOutput(screen, screen, true);
    CancelSignal cancel = CancelSignal.ignoringIdle();
    ServerClient client = new ServerClient(options.host(), options.port(), cancel);
    Session session = session(options);
    Catalog catalog = new Catalog(client);
    Shell shell =
        new Shell(client, session, catalog, output, cancel, Clock.systemUTC(), System::nanoTime);
    Path history =
        options.historyFile().orElse(Path.of(System.getProperty("user.home"), ".nsdb_history"));
    return new InteractiveShell(terminal, shell, catalog, cancel, history).run(banner(client));
  }

  private static Shell shell(ShellOptions options, ShellOutput output, CancelSignal cancel) {
    ServerClient client = new ServerClient(options.host(), options.port(), cancel);
    return new Shell(
        client,
        session(options),
        new Catalog(client),
        output,
        cancel,
        Clock.systemUTC(),
        System::nanoTime);
  }

  private static Session session(ShellOptions options) {
    return new Session(options.database(), options.namespace(), options.format(), options.epoch());
  }

  /** The first line at a terminal: where the shell is connected, or that the server is not up. */
  private static String banner(ServerClient client) {
    String where;
    try {
      where = "connected to " + client.base() + " (" + client.serverName() + ")";
    } catch (ShellError e) {
      where = "the server at " + client.base() + " does not answer yet (" + e.getMessage() + ")";
    }
    return "NSDb shell, " + where + ". \\help for help, Ctrl-D to leave.";
  }

  private static boolean wantsHelp(String[] args) {
    return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
  }

  private static PrintWriter writer(OutputStream stream) {
    return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
  }

  /**
   * Whether standard input is a terminal. {@link System#console()} says so up to Java 21; from Java
   * 22 it has a console even for a pipe, and {@code Console.isTerminal()} tells.
   */
  private static boolean stdinIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
