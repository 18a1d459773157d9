package io.nsdb.sql.fuzz;

import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every input must do: parse to a tree that survives formatting and parsing again unchanged,
 * or be rejected with a {@link SqlParseException} that points inside the text. Anything else is
 * recorded as a failure, shrunk to a small input that fails the same way, and reported all at once
 * by {@link #assertNoFailures()}.
 */
final class ParseOracle {

  /** What parsing one input did. */
  sealed interface Outcome {
    String input();
  }

  /** Parsed to one statement, or for a script to a list of them. */
  record Parsed(String input, List<Statement> statements) implements Outcome {

    Parsed {
      statements = List.copyOf(statements);
    }

    /** The statement of a single-statement parse. */
    Statement statement() {
      return statements.get(0);
    }
  }

  record Rejected(String input, SqlParseException error) implements Outcome {}

  record Crashed(String input, Throwable error) implements Outcome {}

  /** One kind of failure, with the smallest input found for it. */
  record Failure(String category, String input, String detail, int occurrences) {}

  private static final int MAX_SHRINK_ATTEMPTS = 4_000;
  private static final int MAX_SHRUNK_PER_CATEGORY = 3;

  private final Function<String, List<Statement>> parser;
  private final Function<String, Statement> reparser;
  private final Map<String, Failure> failures = new LinkedHashMap<>();
  private final Map<String, Integer> shrunk = new LinkedHashMap<>();
  private int parsed;
  private int rejected;

  /** An oracle for single statements parsed by {@code parser}. */
  ParseOracle(Function<String, Statement> parser) {
    Objects.requireNonNull(parser, "parser");
    this.parser = sql -> List.of(parser.apply(sql));
    this.reparser = parser;
  }

  private ParseOracle(
      Function<String, List<Statement>> parser, Function<String, Statement> reparser) {
    this.parser = parser;
    this.reparser = reparser;
  }

  static ParseOracle forDefaultParser() {
    return new ParseOracle(SqlParser::parse);
  }

  /** An oracle for scripts parsed by {@code parser}; each statement must round-trip. */
  static ParseOracle forScripts(SqlParser parser) {
    return new ParseOracle(parser::parseScript, parser::parseStatement);
  }

  int parsed() {
    return parsed;
  }

  int rejected() {
    return rejected;
  }

  /** Parses {@code sql} with the oracle's parser, catching everything. */
  Outcome attempt(String sql) {
    return attemptAll(parser, sql);
  }

  static Outcome attempt(Function<String, Statement> parser, String sql) {
    return attemptAll(text -> List.of(parser.apply(text)), sql);
  }

  private static Outcome attemptAll(Function<String, List<Statement>> parser, String sql) {
    try {
      return new Parsed(sql, parser.apply(sql));
    } catch (SqlParseException e) {
      return new Rejected(sql, e);
    } catch (Throwable e) { // StackOverflowError included: that is what this looks for
      return new Crashed(sql, e);
    }
  }

  /** Checks the general contract on {@code sql}; returns the outcome for further checks. */
  Outcome check(String sql) {
    Outcome outcome = attempt(sql);
    switch (outcome) {
      case Parsed p -> {
        parsed++;
        String problem = roundTripProblem(p);
        if (problem != null) {
          recordShrunk(
              "round trip: " + problem.substring(0, problem.indexOf(':')),
              sql,
              problem,
              candidate -> {
                Outcome again = attempt(candidate);
                return again instanceof Parsed q && sameKind(problem, roundTripProblem(q));
              });
        }
      }
      case Rejected r -> {
        rejected++;
        String problem = positionProblem(sql, r.error());
        if (problem != null) {
          record("error position: " + r.error().code(), sql, problem);
        }
        String expecting = expectingProblem(r.error());
        if (expecting != null) {
          record("expecting list: " + r.error().code(), sql, expecting);
        }
      }
      case Crashed c -> {
        String signature = signature(c.error());
        recordShrunk(
            "crash: " + signature,
            sql,
            stackTrace(c.error()),
            candidate ->
                attempt(candidate) instanceof Crashed again
                    && signature(again.error()).equals(signature));
      }
    }
    return outcome;
  }

  /**
   * Why {@code parse(format(t))} is not {@code t}, or formatting is not stable; {@code null} when
   * all is well. The text before the first {@code :} names the kind of problem.
   */
  static String roundTripProblem(Statement statement) {
    return roundTripProblem(SqlParser::parse, statement);
  }

  private String roundTripProblem(Parsed parsed) {
    for (Statement statement : parsed.statements()) {
      String problem = roundTripProblem(reparser, statement);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** As {@link #roundTripProblem(Statement)}, parsing the formatted text with {@code parser}. */
  static String roundTripProblem(Function<String, Statement> parser, Statement statement) {
    try {
      return uncheckedRoundTripProblem(parser, statement);
    } catch (Throwable e) { // a StackOverflowError in format or equals, say
      String where =
          Arrays.stream(e.getStackTrace())
              .filter(frame -> frame.getClassName().startsWith("io.nsdb.sql."))
              .findFirst()
              .map(frame -> " in " + frame.getClassName() + "." + frame.getMethodName())
              .orElse("");
      return "round trip throws: " + e.getClass().getName() + where;
    }
  }

  private static String uncheckedRoundTripProblem(
      Function<String, Statement> parser, Statement statement) {
    String formatted = SqlFormatter.format(statement);
    Outcome again = attempt(parser, formatted);
    return switch (again) {
      case Crashed c ->
          "formatted text crashes the parser: " + c.error() + " on " + quote(formatted);
      case Rejected r ->
          "formatted text is rejected: "
              + r.error().code()
              + " "
              + r.error().getMessage()
              + " on "
              + quote(formatted)
              + " from "
              + statement;
      case Parsed p -> {
        if (!p.statement().equals(statement)) {
          yield "tree changes: "
              + quote(formatted)
              + " parses to "
              + p.statement()
              + " instead of "
              + statement;
        }
        String reformatted = SqlFormatter.format(p.statement());
        yield reformatted.equals(formatted)
            ? null
            : "format not stable: " + quote(formatted) + " then " + quote(reformatted);
      }
    };
  }

  private static boolean sameKind(String problem, String other) {
    return other != null
        && problem
            .substring(0, problem.indexOf(':'))
            .equals(other.substring(0, other.indexOf(':')));
  }

  /** Whether the position of an error is inside the text: a line that exists, a column on it. */
  static String positionProblem(String sql, SqlParseException error) {
    int line = error.line();
    int column = error.column();
    if (line < 1 || column < 1) {
      return "position " + error.position() + " is not 1-based: " + error.getMessage();
    }
    if (!error.getMessage().startsWith("line " + line + ":" + column + ": ")) {
      return "message does not start with its position: " + error.getMessage();
    }
    // The lexer counts lines at '\n' only and columns in code points.
    String[] lines = sql.split("\n", -1);
    if (line > lines.length) {
      return "line " + line + " of a text with " + lines.length + " lines: " + error.getMessage();
    }
    int width = lines[line - 1].codePointCount(0, lines[line - 1].length());
    if (column > width + 1) {
      return "column " + column + " of a line " + width + " wide: " + error.getMessage();
    }
    return null;
  }

  /**
   * Whether the tokens a syntax error expects are listed as promised: each once, the end of the
   * input ({@code <EOF>}) last, after everything that could continue the statement, and the message
   * names the same list. {@code null} when all is well.
   */
  static String expectingProblem(SqlParseException error) {
    List<String> expected = error.expected();
    if (expected.stream().distinct().count() != expected.size()) {
      return "a token is expected twice: " + expected;
    }
    int eof = expected.indexOf("<EOF>");
    if (eof >= 0 && eof != expected.size() - 1) {
      return "<EOF> is not the last expected token: " + expected;
    }
    if (!expected.isEmpty()
        && !error.getMessage().endsWith(". Expecting: " + String.join(", ", expected))) {
      return "the message does not end with the expected tokens "
          + expected
          + ": "
          + error.getMessage();
    }
    return null;
  }

  /** Records a failure that is tied to its input (an expectation of the generator). */
  void record(String category, String input, String detail) {
    failures.merge(
        category,
        new Failure(category, input, detail, 1),
        (old, now) ->
            now.input().length() < old.input().length()
                ? new Failure(category, now.input(), now.detail(), old.occurrences() + 1)
                : new Failure(category, old.input(), old.detail(), old.occurrences() + 1));
  }

  private void recordShrunk(
      String category, String input, String detail, Predicate<String> stillFails) {
    int times = shrunk.merge(category, 1, Integer::sum);
    String small = times <= MAX_SHRUNK_PER_CATEGORY ? shrink(input, stillFails) : input;
    String smallDetail = detail;
    if (!small.equals(input)) {
      Outcome outcome = attempt(small);
      smallDetail =
          switch (outcome) {
            case Crashed c -> stackTrace(c.error());
            case Parsed p -> Objects.requireNonNullElse(roundTripProblem(p), detail);
            case Rejected r -> detail;
          };
    }
    record(category, small, smallDetail + "\n      (found on " + quote(input) + ")");
  }

  /**
   * Delta debugging, one character run at a time: removes ever smaller runs of characters while the
   * input still fails the same way.
   */
  static String shrink(String input, Predicate<String> stillFails) {
    String current = input;
    int attempts = 0;
    int chunk = Math.max(1, current.length() / 2);
    while (chunk >= 1 && attempts < MAX_SHRINK_ATTEMPTS) {
      boolean progress = false;
      for (int start = 0; start < current.length() && attempts < MAX_SHRINK_ATTEMPTS; ) {
        int end = Math.min(current.length(), start + chunk);
        String candidate = current.substring(0, start) + current.substring(end);
        attempts++;
        if (!candidate.equals(current) && stillFails.test(candidate)) {
          current = candidate;
          progress = true;
        } else {
          start += chunk;
        }
      }
      if (!progress) {
        chunk /= 2;
      }
    }
    return current;
  }

  List<Failure> failures() {
    return new ArrayList<>(failures.values());
  }

  /** Fails with every kind of failure seen and its smallest reproducer. */
  void assertNoFailures() {
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder report =
        new StringBuilder(failures.size() + " kind(s) of parser failure found:\n");
    for (Failure failure : failures.values()) {
      report
          .append("\n  * ")
          .append(failure.category())
          .append(" (")
          .append(failure.occurrences())
          .append(" input(s))\n      reproducer: ")
          .append(quote(failure.input()))
          .append("\n      ")
          .append(failure.detail().replace("\n", "\n      "))
          .append('\n');
    }
    throw new AssertionError(report.toString());
  }

  /** The exception class and the first frame in the parser's code, to tell failures apart. */
  static String signature(Throwable error) {
    for (StackTraceElement frame : error.getStackTrace()) {
      if (frame.getClassName().startsWith("io.nsdb.sql.") && !isTestFrame(frame)) {
        return error.getClass().getName()
            + " at "
            + frame.getClassName()
            + "."
            + frame.getMethodName();
      }
    }
    StackTraceElement[] stack = error.getStackTrace();
    return error.getClass().getName()
        + (stack.length > 0
            ? " at " + stack[0].getClassName() + "." + stack[0].getMethodName()
            : "");
  }

  private static boolean isTestFrame(StackTraceElement frame) {
    return frame.getClassName().startsWith("io.nsdb.sql.fuzz.")
        || frame.getClassName().startsWith("io.nsdb.sql.testing.");
  }

  private static String stackTrace(Throwable error) {
    StringBuilder trace = new StringBuilder(error.toString());
    StackTraceElement[] stack = error.getStackTrace();
    int shown = 0;
    for (StackTraceElement frame : stack) {
      if (isTestFrame(frame)) {
        break;
      }
      trace.append("\n  at ").append(frame);
      if (++shown == 12) {
        trace.append("\n  ...");
        break;
      }
    }
    return trace.toString();
  }

  /** A Java string literal for {@code text}, cut in the middle when very long. */
  static String quote(String text) {
    String shown =
        text.length() > 600
            ? text.substring(0, 300)
                + "…["
                + (text.length() - 600)
                + " chars]…"
                + text.substring(text.length() - 300)
            : text;
    StringBuilder literal = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                case '\f' -> literal.append("\\f");
                default -> {
                  if (c < 0x20 || c > 0x7e) {
                    for (char unit : Character.toChars(c)) {
                      literal.append(String.format("\\u%04X", (int) unit));
                    }
                  } else {
                    literal.appendCodePoint(c);
                  }
                }
              }
            });
    return literal.append('"').toString();
  }
}
