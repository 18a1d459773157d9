package io.nsdb.cluster.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code ./nsdb shell}. Statements come from {@code -e} (any number, run in
 * order), else {@code -f FILE}, else standard input when it is not a terminal; otherwise the shell
 * is interactive.
 *
 * @param continueOnError run a script to its end past failing statements (the exit status is still
 *     1 when any failed)
 */
record ShellOptions(
    String host,
    int port,
    String database,
    String namespace,
    List<String> execute,
    Optional<Path> file,
    boolean continueOnError,
    Session.Format format,
    boolean epoch,
    Optional<Path> historyFile) {

  static final String USAGE =
      """
      Usage: ./nsdb shell [options]
        --host HOST          the server's host (default localhost)
        --port PORT          its HTTP port (default 9000)
        --database DB        the database to start in (default default)
        --namespace NS       the namespace to start in (default default)
        -e, --execute SQL    run these statements and commands, then exit (repeatable)
        -f, --file FILE      run the statements of FILE, then exit
        --continue           in a script, go on past a failing statement (exit status 1 at the end)
        --format FORMAT      table (default), csv or json
        --epoch              timestamps as epoch milliseconds rather than ISO-8601
        --history FILE       the history file (default ~/.nsdb_history)
      Without -e or -f, statements are read from standard input when it is not a terminal.
      Exit status: 0 when every statement succeeded, 1 when one failed, 2 for a bad command line.
      """;

  /** A command line that cannot be used; the message says why. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static ShellOptions parse(String... args) {
    String host = "localhost";
    int port = 9000;
    String database = "default";
    String namespace = "default";
    List<String> execute = new ArrayList<>();
    Optional<Path> file = Optional.empty();
    boolean continueOnError = false;
    Session.Format format = Session.Format.TABLE;
    boolean epoch = false;
    Optional<Path> history = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--host" -> host = value(args, ++i, arg);
        case "--port" -> port = port(value(args, ++i, arg));
        case "--database", "--db" -> database = name(value(args, ++i, arg), arg);
        case "--namespace", "--ns" -> namespace = name(value(args, ++i, arg), arg);
        case "-e", "--execute" -> execute.add(value(args, ++i, arg));
        case "-f", "--file" -> file = Optional.of(Path.of(value(args, ++i, arg)));
        case "--continue" -> continueOnError = true;
        case "--format" -> format = format(value(args, ++i, arg));
        case "--epoch" -> epoch = true;
        case "--history" -> history = Optional.of(Path.of(value(args, ++i, arg)));
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    if (!execute.isEmpty() && file.isPresent()) {
      throw new UsageException("give -e or -f, not both");
    }
    return new ShellOptions(
        host,
        port,
        database,
        namespace,
        List.copyOf(execute),
        file,
        continueOnError,
        format,
        epoch,
        history);
  }

  static Session.Format format(String text) {
    try {
      return Session.Format.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("the format is table, csv or json, not '" + text + "'");
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--port is a number from 1 to 65535, not '" + text + "'");
  }

  private static String name(String text, String option) {
    if (!text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new UsageException(option + " is a name ([A-Za-z_][A-Za-z0-9_]*), not '" + text + "'");
    }
    return text;
  }
}
