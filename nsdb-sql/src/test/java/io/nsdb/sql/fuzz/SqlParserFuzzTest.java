package io.nsdb.sql.fuzz;

import static io.nsdb.sql.fuzz.ParseOracle.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.fuzz.ParseOracle.Crashed;
import io.nsdb.sql.fuzz.ParseOracle.Outcome;
import io.nsdb.sql.fuzz.ParseOracle.Parsed;
import io.nsdb.sql.fuzz.ParseOracle.Rejected;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.testing.RandomSeedExtension;
import io.nsdb.sql.testing.RandomStatementGenerator;
import io.nsdb.sql.testing.RandomStatementGenerator.Generated;
import io.nsdb.sql.testing.RandomStatementGenerator.Kind;
import io.nsdb.sql.testing.Randomized;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Statement;
import io.nsdb.sql.tree.StringLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.AssertionFailedError;

/**
 * Throws random text at the parser. Whatever the input, {@link SqlParser} must return a tree that
 * formats and parses back to itself, or throw {@link SqlParseException} with a position inside the
 * text: never an ANTLR exception, a {@code NullPointerException}, an {@code
 * IllegalArgumentException} or a {@code StackOverflowError}, and never slowly.
 *
 * <p>Inputs come from {@link RandomStatementGenerator} (statements whose tree, or error code, is
 * known in advance), from mutations of those, from soups of the dialect's tokens and from plain
 * garbage. Every failure is shrunk to a small reproducer and all are reported together. The seed is
 * printed on failure; {@code -Dtests.seed=...} replays a run and {@code -Dtests.multiplier=N} makes
 * it N times longer.
 */
@Randomized
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlParserFuzzTest {

  /** Generous bounds for a noisy two-core machine: these inputs parse in milliseconds. */
  private static final Duration QUICKLY = Duration.ofSeconds(10);

  private static final int HUGE = 100_000;

  // ------------------------------------------------------------------ (a) generated statements

  @Test
  void generatedStatementsParseToTheirTreeOrFailWithTheirCode(Random random) {
    RandomStatementGenerator generator = new RandomStatementGenerator(random);
    ParseOracle oracle = ParseOracle.forDefaultParser();
    int n = RandomSeedExtension.scaled(5_000);
    Map<SqlErrorCode, Integer> codes = new EnumMap<>(SqlErrorCode.class);
    Map<Kind, Integer> validByKind = new EnumMap<>(Kind.class);
    int valid = 0;
    for (int i = 0; i < n; i++) {
      Generated generated = generator.next();
      Outcome outcome = checkGenerated(oracle, generated);
      if (outcome instanceof Parsed && generated.valid()) {
        valid++;
        validByKind.merge(generated.kind(), 1, Integer::sum);
      } else if (outcome instanceof Rejected r) {
        codes.merge(r.error().code(), 1, Integer::sum);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "generated: %d statements, %d parsed to the expected tree (%.1f%%), rejected by code: %s%n",
        n,
        valid,
        100.0 * valid / n,
        codes);
    oracle.assertNoFailures();
    // A generator that writes nothing the parser accepts would make all of the above vacuous.
    assertTrue(valid > n / 2, "only " + valid + " of " + n + " generated statements parsed");
    for (Kind kind : Kind.values()) {
      assertTrue(validByKind.getOrDefault(kind, 0) > 0, "no valid " + kind + " was generated");
    }
    assertCoverage(generator.coverage());
  }

  /** Every unit spelling, operator, predicate and clause was generated and accepted. */
  private static void assertCoverage(Map<String, Integer> coverage) {
    List<String> required = new ArrayList<>();
    RandomStatementGenerator.UNIT_SPELLINGS.keySet().forEach(unit -> required.add("unit:" + unit));
    for (String op : List.of("=", "<>", "!=", "<", "<=", ">", ">=")) {
      required.add("op:" + op);
    }
    required.addAll(
        List.of(
            "condition:and",
            "condition:or",
            "condition:not",
            "condition:not-chain",
            "paren:required",
            "paren:redundant",
            "paren:spliced",
            "predicate:is-null",
            "predicate:is-not-null",
            "like:wildcard",
            "like:escaped-dollar",
            "like:escaped-backslash",
            "like:bare-pattern",
            "like:bare-word",
            "like:quoted",
            "like:bare-backslash",
            "range:number-number",
            "range:now-now",
            "range:number-now",
            "range:now-number",
            "now:bare",
            "now:plus",
            "now:minus",
            "number:negative",
            "number:decimal",
            "number:integer",
            "number:underflow",
            "number:zero-exponent",
            "string:bare",
            "string:quoted",
            "select:PLAIN",
            "select:AGGREGATE",
            "select:GROUP_BY_TAG",
            "select:GROUP_BY_INTERVAL",
            "select:distinct",
            "select:since",
            "interval:bare-unit",
            "order:asc",
            "order:desc",
            "aggregation:COUNT:distinct",
            "aggregation:COUNT:*",
            "aggregation:FIRST",
            "aggregation:LAST",
            "use:qualified",
            "show:DATABASES",
            "show:NAMESPACES",
            "show:METRICS",
            "comment:line",
            "comment:block",
            "layout:COMPACT",
            "layout:NOISY",
            "layout:CANONICAL",
            "trailing-semicolon",
            "name:keyword",
            "name:built-in-respelled",
            "nesting:at-limit",
            "nesting:too-deep"));
    for (SqlErrorCode code : SqlErrorCode.values()) {
      required.add("fault:" + code);
    }
    List<String> missing = required.stream().filter(f -> !coverage.containsKey(f)).toList();
    assertTrue(missing.isEmpty(), "the generator never produced " + missing);
  }

  /**
   * Checks one generated statement: the general contract, then the generator's expectation. An
   * expectation that fails is reported with the input as it is, not shrunk, since the expectation
   * belongs to that input.
   */
  private static Outcome checkGenerated(ParseOracle oracle, Generated generated) {
    Outcome outcome = oracle.check(generated.sql());
    String sql = generated.sql();
    switch (outcome) {
      case Parsed p when generated.valid() -> {
        if (!p.statement().equals(generated.expected())) {
          oracle.record(
              "generated: wrong tree for a " + generated.kind(),
              sql,
              "parsed to   " + p.statement() + "\n  expected    " + generated.expected());
        }
      }
      case Parsed p ->
          oracle.record(
              "generated: accepted despite " + generated.expectedError(),
              sql,
              "fault: " + generated.fault() + "; parsed to " + p.statement());
      case Rejected r when generated.valid() ->
          oracle.record(
              "generated: valid " + generated.kind() + " rejected with " + r.error().code(),
              sql,
              r.error().getMessage() + "\n  expected " + generated.expected());
      case Rejected r -> {
        if (r.error().code() != generated.expectedError()) {
          oracle.record(
              "generated: " + generated.expectedError() + " reported as " + r.error().code(),
              sql,
              "fault: " + generated.fault() + "; " + r.error().getMessage());
        }
      }
      case Crashed c -> {} // recorded by the oracle
    }
    return outcome;
  }

  @Test
  void generatedStatementsRespectAnyNestingLimit(Random random) {
    int n = RandomSeedExtension.scaled(1_500);
    ParseOracle general = ParseOracle.forDefaultParser();
    int valid = 0;
    for (int i = 0; i < n; i++) {
      int limit = 1 + random.nextInt(i % 10 == 0 ? SqlParser.MAX_NESTING_DEPTH : 12);
      SqlParser parser = new SqlParser(limit);
      RandomStatementGenerator generator =
          new RandomStatementGenerator(random).maxNestingDepth(limit).faultRate(0.1);
      Generated generated = generator.next(random.nextBoolean() ? Kind.SELECT : Kind.DELETE);
      ParseOracle oracle = new ParseOracle(parser::parseStatement);
      Outcome outcome = checkGenerated(oracle, generated);
      oracle
          .failures()
          .forEach(
              f -> general.record(f.category() + " [limit " + limit + "]", f.input(), f.detail()));
      if (outcome instanceof Parsed && generated.valid()) {
        valid++;
      }
    }
    general.assertNoFailures();
    assertTrue(valid > n / 2, "only " + valid + " of " + n + " parsed");
  }

  @Test
  void nestingLimitIsExactForAnyMixOfNotsAndParentheses(Random random) {
    for (int i = 0; i < RandomSeedExtension.scaled(300); i++) {
      int limit = 1 + random.nextInt(i % 3 == 0 ? SqlParser.MAX_NESTING_DEPTH : 70);
      SqlParser parser = new SqlParser(limit);
      for (int depth : new int[] {limit, limit + 1}) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int level = 0; level < depth; level++) {
          if (random.nextBoolean()) {
            open.append(random.nextBoolean() ? "NOT " : "not\n");
          } else {
            open.append(random.nextBoolean() ? "(" : "( ");
            close.append(')');
          }
        }
        String sql = "select * from cpu where " + open + "value in (1, 2)" + close;
        Outcome outcome = ParseOracle.attempt(parser::parseStatement, sql);
        if (depth == limit) {
          assertInstanceOf(Parsed.class, outcome, () -> "depth " + depth + " = limit: " + sql);
        } else {
          Rejected rejected =
              assertInstanceOf(
                  Rejected.class, outcome, () -> "depth " + depth + " > limit: " + sql);
          assertEquals(SqlErrorCode.NESTING_TOO_DEEP, rejected.error().code(), sql);
        }
      }
    }
  }

  @Test
  void generatedScriptsParseStatementByStatement(Random random) {
    RandomStatementGenerator generator = new RandomStatementGenerator(random).faultRate(0);
    SqlParser parser = new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH);
    ParseOracle oracle = ParseOracle.forDefaultParser(); // only collects the failures
    for (int i = 0; i < RandomSeedExtension.scaled(300); i++) {
      StringBuilder script = new StringBuilder();
      List<Statement> expected = new ArrayList<>();
      script.append(";".repeat(random.nextInt(3)));
      int n = random.nextInt(6);
      for (int s = 0; s < n; s++) {
        Generated generated = generator.next();
        expected.add(generated.expected());
        script.append(generated.sql());
        if (s < n - 1 || random.nextBoolean()) {
          script.append(random.nextBoolean() ? "\n" : " ");
          script.append(";".repeat(1 + random.nextInt(3)));
          script.append(random.nextBoolean() ? "\n" : "");
        }
      }
      String sql = script.toString();
      try {
        List<Statement> parsed = parser.parseScript(sql);
        if (!parsed.equals(expected)) {
          oracle.record("script: wrong statements", sql, parsed + "\n  expected " + expected);
        }
      } catch (SqlParseException e) {
        oracle.record("script: rejected " + e.code(), sql, e.getMessage());
      } catch (Throwable e) {
        oracle.record("script: crash " + ParseOracle.signature(e), sql, e.toString());
      }
    }
    oracle.assertNoFailures();
  }

  // ------------------------------------------------------------------ (b) random strings

  @Test
  void randomAsciiGarbageIsParsedOrRejectedCleanly(Random random) {
    ParseOracle oracle = ParseOracle.forDefaultParser();
    int n = RandomSeedExtension.scaled(5_000);
    String alphabet =
        " \t\n\r\f!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(i % 50 == 0 ? 2_000 : 60);
      for (int c = 0; c < length; c++) {
        text.append(
            random.nextInt(20) == 0
                ? (char) random.nextInt(128)
                : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      oracle.check(text.toString());
    }
    report("ascii garbage", n, oracle);
    oracle.assertNoFailures();
    assertTrue(oracle.rejected() > 0, "garbage was never rejected");
  }

  @Test
  void randomUnicodeGarbageIsParsedOrRejectedCleanly(Random random) {
    ParseOracle oracle = ParseOracle.forDefaultParser();
    int n = RandomSeedExtension.scaled(3_000);
    int[] interesting = {
      0, 0xA0, 0xAD, 0x131, 0x130, 0x17F, 0x212A, 0x2028, 0x2029, 0x200B, 0x200E, 0x202E, 0xFEFF,
      0xFFFD, 0xFFFF, 0xD800, 0xDC00, 0x1F600, 0x10FFFF, 'ſ', 'K', 'é', 'ß', '\'', '(', ')', ';',
      '-', '$', '\\', '*', '/'
    };
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(50);
      for (int c = 0; c < length; c++) {
        int p = random.nextInt(4);
        int codePoint =
            switch (p) {
              case 0 -> interesting[random.nextInt(interesting.length)];
              case 1 -> random.nextInt(0x10000);
              case 2 -> random.nextInt(Character.MAX_CODE_POINT + 1);
              default -> 'a' + random.nextInt(26);
            };
        text.appendCodePoint(codePoint);
      }
      // Sometimes after a valid beginning, so the garbage reaches deeper into the grammar.
      String prefix =
          switch (random.nextInt(4)) {
            case 0 -> "select * from cpu where ";
            case 1 -> "insert into cpu dim (h = ";
            default -> "";
          };
      oracle.check(prefix + text);
    }
    report("unicode garbage", n, oracle);
    oracle.assertNoFailures();
  }

  /** The dialect's vocabulary, for token soups and token mutations. */
  private static final List<String> VOCABULARY = vocabulary();

  private static List<String> vocabulary() {
    List<String> words = new ArrayList<>();
    // Sorted: the iteration order of Set.of changes from one JVM to the next, seeds must not.
    words.addAll(new TreeSet<>(RandomStatementGenerator.RESERVED_KEYWORDS));
    words.addAll(RandomStatementGenerator.NON_RESERVED_KEYWORDS);
    words.addAll(
        List.of(
            "=",
            "<>",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "+",
            "-",
            "*",
            ",",
            ".",
            "(",
            ")",
            ";",
            "0",
            "1",
            "42",
            "-7",
            "1.5",
            "1.",
            ".5",
            "1e3",
            "2.5E-4",
            "9223372036854775807",
            "9223372036854775808",
            "1e400",
            "'a'",
            "''",
            "'it''s'",
            "'$x$'",
            "'\\x'",
            "'unclosed",
            "host",
            "value",
            "timestamp",
            "cpu",
            "_x9",
            "$",
            "a$",
            "$b$",
            "a\\$",
            "\\\\$",
            "ms",
            "s",
            "sec",
            "m",
            "min",
            "h",
            "hours",
            "d",
            "w",
            "weeks",
            "y",
            "/* c */",
            "--c\n",
            "#",
            "é",
            "\n",
            "\t"));
    return List.copyOf(words);
  }

  @Test
  void tokenSoupIsParsedOrRejectedCleanly(Random random) {
    ParseOracle oracle = ParseOracle.forDefaultParser();
    int n = RandomSeedExtension.scaled(6_000);
    List<String> starts = List.of("SELECT", "INSERT", "DELETE", "DROP", "SHOW", "DESCRIBE", "USE");
    for (int i = 0; i < n; i++) {
      List<String> soup = new ArrayList<>();
      if (random.nextBoolean()) {
        soup.add(starts.get(random.nextInt(starts.size())));
      }
      int length = random.nextInt(i % 100 == 0 ? 500 : 25);
      for (int t = 0; t < length; t++) {
        soup.add(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
      }
      oracle.check(join(soup, random));
    }
    report("token soup", n, oracle);
    oracle.assertNoFailures();
    assertTrue(oracle.rejected() > 0, "token soup was never rejected");
  }

  @Test
  void mutatedStatementsAreParsedOrRejectedCleanly(Random random) {
    RandomStatementGenerator generator = new RandomStatementGenerator(random).faultRate(0.05);
    ParseOracle oracle = ParseOracle.forDefaultParser();
    int n = RandomSeedExtension.scaled(4_000);
    for (int i = 0; i < n; i++) {
      Generated generated = generator.next();
      String mutated =
          random.nextBoolean()
              ? mutateCharacters(generated.sql(), random)
              : join(mutateTokens(generated.tokens(), random), random);
      oracle.check(mutated);
    }
    report("mutations", n, oracle);
    oracle.assertNoFailures();
    assertTrue(oracle.parsed() > 0 && oracle.rejected() > 0, "mutations all went one way");
  }

  @Test
  void mutatedScriptsAreParsedOrRejectedCleanly(Random random) {
    RandomStatementGenerator generator = new RandomStatementGenerator(random).faultRate(0.05);
    ParseOracle oracle = ParseOracle.forScripts(new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH));
    int n = RandomSeedExtension.scaled(1_000);
    for (int i = 0; i < n; i++) {
      StringBuilder script = new StringBuilder();
      int statements = random.nextInt(4);
      for (int s = 0; s < statements; s++) {
        script.append(generator.next().sql()).append(random.nextBoolean() ? ";\n" : " ; ");
      }
      String sql = script.toString();
      oracle.check(random.nextInt(4) == 0 ? sql : mutateCharacters(sql, random));
    }
    report("mutated scripts", n, oracle);
    oracle.assertNoFailures();
    assertTrue(oracle.parsed() > 0 && oracle.rejected() > 0, "scripts all went one way");
  }

  private static String mutateCharacters(String sql, Random random) {
    String characters = "()'\",;.-+*=<>!$\\ \n0123456789eEaZ_#é\u0000";
    StringBuilder text = new StringBuilder(sql);
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int at = text.isEmpty() ? 0 : random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> {
          if (!text.isEmpty()) {
            text.deleteCharAt(at);
          }
        }
        case 1 -> text.insert(at, characters.charAt(random.nextInt(characters.length())));
        case 2 -> {
          if (text.length() > 1) {
            int other = random.nextInt(text.length());
            char c = text.charAt(at);
            text.setCharAt(at, text.charAt(other));
            text.setCharAt(other, c);
          }
        }
        case 3 -> {
          int end = Math.min(text.length(), at + random.nextInt(12));
          text.insert(at, text.substring(at, end));
        }
        default -> {
          if (!text.isEmpty()) {
            text.setCharAt(at, characters.charAt(random.nextInt(characters.length())));
          }
        }
      }
    }
    return text.toString();
  }

  private static List<String> mutateTokens(List<String> tokens, Random random) {
    List<String> mutated = new ArrayList<>(tokens);
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int at = mutated.isEmpty() ? 0 : random.nextInt(mutated.size());
      String word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
      switch (random.nextInt(5)) {
        case 0 -> {
          if (!mutated.isEmpty()) {
            mutated.remove(at);
          }
        }
        case 1 -> mutated.add(at, word);
        case 2 -> {
          if (mutated.size() > 1) {
            int other = random.nextInt(mutated.size());
            String t = mutated.get(at);
            mutated.set(at, mutated.get(other));
            mutated.set(other, t);
          }
        }
        case 3 -> {
          if (!mutated.isEmpty()) {
            mutated.add(at, mutated.get(at));
          }
        }
        default -> {
          if (!mutated.isEmpty()) {
            mutated.set(at, word);
          }
        }
      }
    }
    return mutated;
  }

  private static String join(List<String> tokens, Random random) {
    StringBuilder text = new StringBuilder();
    for (String token : tokens) {
      if (!text.isEmpty()) {
        text.append(random.nextInt(8) == 0 ? "" : random.nextInt(8) == 0 ? "\n" : " ");
      }
      text.append(token);
    }
    return text.toString();
  }

  private static void report(String what, int n, ParseOracle oracle) {
    System.out.printf(
        Locale.ROOT,
        "%s: %d inputs, %d parsed, %d rejected with SqlParseException, %d other failure kind(s)%n",
        what,
        n,
        oracle.parsed(),
        oracle.rejected(),
        oracle.failures().size());
  }

  // ------------------------------------------------------------------ (c) huge inputs

  /** Any limit up to the maximum is a valid configuration, the largest too; beyond is refused. */
  @Test
  void theLargestNestingLimitStillAcceptsParentheses() {
    assertThrows(
        IllegalArgumentException.class, () -> new SqlParser(SqlParser.MAX_NESTING_DEPTH + 1));
    for (int limit : new int[] {SqlParser.MAX_NESTING_DEPTH - 1, SqlParser.MAX_NESTING_DEPTH}) {
      SqlParser parser = new SqlParser(limit);
      for (String sql :
          List.of(
              "select count(*) from cpu",
              "select * from cpu where (value = 1)",
              "insert into cpu dim (host = 'a') val = 1")) {
        Outcome outcome = ParseOracle.attempt(parser::parseStatement, sql);
        assertInstanceOf(
            Parsed.class, outcome, () -> "new SqlParser(" + limit + "): " + describe(outcome));
      }
    }
  }

  /**
   * With a raised limit, whatever the parser accepts must still format and compare: a tree it
   * returns must not overflow the stack in {@link SqlFormatter#format} or {@code equals}. Deeper
   * than the stack allows, rejecting the statement (NESTING_TOO_DEEP) is fine.
   */
  @Test
  void treesAcceptedUnderARaisedNestingLimitRoundTrip() {
    SqlParser parser = new SqlParser(SqlParser.MAX_NESTING_DEPTH);
    List<String> problems = new ArrayList<>();
    for (int depth : new int[] {250, 500, 1_000, 2_000, 3_000, 4_000, 6_000}) {
      for (String sql :
          List.of(
              "select * from cpu where " + "not ".repeat(depth) + "value = 1",
              "select * from cpu where "
                  + "(value = 1 and ".repeat(depth)
                  + "value = 2"
                  + ")".repeat(depth))) {
        Outcome outcome = ParseOracle.attempt(parser::parseStatement, sql);
        if (outcome instanceof Parsed parsed) {
          String problem = ParseOracle.roundTripProblem(parser::parseStatement, parsed.statement());
          if (problem != null) {
            problems.add(sql.substring(0, 40) + "… (depth " + depth + "): " + problem);
          }
        } else if (outcome instanceof Crashed crashed) {
          problems.add(sql.substring(0, 40) + "… (depth " + depth + "): " + crashed.error());
        }
      }
    }
    assertTrue(
        problems.isEmpty(), "with the highest nesting limit:\n  " + String.join("\n  ", problems));
  }

  @Test
  void hundredThousandOpeningParenthesesAreTooDeep() {
    assertRejectedQuickly(
        () -> "select * from cpu where " + "(".repeat(HUGE) + "value = 1" + ")".repeat(HUGE),
        SqlErrorCode.NESTING_TOO_DEEP);
    assertRejectedQuickly(() -> "(".repeat(HUGE), SqlErrorCode.NESTING_TOO_DEEP);
    assertRejectedQuickly(
        () -> "select * from cpu where " + "(".repeat(HUGE), SqlErrorCode.NESTING_TOO_DEEP);
    assertRejectedQuickly(
        () -> "select count" + "(".repeat(HUGE) + "*" + ")".repeat(HUGE) + " from cpu",
        SqlErrorCode.NESTING_TOO_DEEP);
    assertRejectedQuickly(
        () ->
            "select * from cpu where "
                + "(NOT ".repeat(HUGE / 2)
                + "value = 1"
                + ")".repeat(HUGE / 2),
        SqlErrorCode.NESTING_TOO_DEEP);
  }

  @Test
  void hundredThousandNotsAreTooDeep() {
    assertRejectedQuickly(
        () -> "select * from cpu where " + "NOT ".repeat(HUGE) + "value = 1",
        SqlErrorCode.NESTING_TOO_DEEP);
    assertRejectedQuickly(
        () -> "delete from cpu where " + "not\n".repeat(HUGE) + "host is null",
        SqlErrorCode.NESTING_TOO_DEEP);
    // With nothing to negate it is a syntax error at the end, still quickly.
    assertRejectedQuickly(
        () -> "select * from cpu where " + "NOT ".repeat(HUGE), SqlErrorCode.SYNTAX_ERROR);
  }

  @Test
  void hundredThousandTermChainsParseFlatAndRoundTrip() {
    String and = joinTerms(" AND ");
    Select select = (Select) assertParsesQuickly("select * from cpu where " + and);
    assertEquals(HUGE, assertInstanceOf(And.class, select.where().orElseThrow()).operands().size());
    assertRoundTripsQuickly(select);

    String or = joinTerms(" or\n");
    select = (Select) assertParsesQuickly("select * from cpu where " + or);
    assertEquals(HUGE, assertInstanceOf(Or.class, select.where().orElseThrow()).operands().size());

    // One mistake at the very end: the parser must still answer quickly, and point at it.
    SqlParseException error =
        assertRejectedQuickly(
            () -> "select * from cpu where " + and + " AND", SqlErrorCode.SYNTAX_ERROR);
    assertEquals(1, error.line());
  }

  private static String joinTerms(String separator) {
    StringBuilder terms = new StringBuilder();
    for (int i = 0; i < HUGE; i++) {
      if (i > 0) {
        terms.append(separator);
      }
      terms.append("value = ").append(i % 10);
    }
    return terms.toString();
  }

  @Test
  void longInListsAndBoundsAreHandledQuickly() {
    StringBuilder list = new StringBuilder("select * from cpu where value in (");
    for (int i = 0; i < HUGE; i++) {
      list.append(i == 0 ? "" : ", ").append(i);
    }
    String longList = list.append(")").toString();
    // IN takes a lower and an upper bound: the third value is the mistake.
    SqlParseException error = assertRejectedQuickly(() -> longList, SqlErrorCode.SYNTAX_ERROR);
    assertEquals(longList.indexOf(", 1,") + 4, error.column());

    assertRejectedQuickly(
        () -> "select * from cpu where value in (1, " + "9".repeat(HUGE) + ")",
        SqlErrorCode.NUMBER_OUT_OF_RANGE);
    assertRejectedQuickly(
        () -> "select * from cpu where value in (1, 1" + "0".repeat(HUGE) + ".5)",
        SqlErrorCode.NUMBER_OUT_OF_RANGE);
    assertRejectedQuickly(
        () -> "select * from cpu where timestamp in (now - " + "9".repeat(HUGE) + "h, now)",
        SqlErrorCode.NUMBER_OUT_OF_RANGE);
    // A decimal too small for a double is refused rather than read as zero.
    assertRejectedQuickly(
        () ->
            "select * from cpu where value in (0."
                + "0".repeat(HUGE)
                + "1, 0."
                + "0".repeat(HUGE)
                + "2)",
        SqlErrorCode.NUMBER_OUT_OF_RANGE);
  }

  @Test
  void longStringsIdentifiersAndCommentsAreHandledQuickly() {
    String content = "x'y$\\\n".repeat(HUGE * 2);
    String quoted = "'" + content.replace("'", "''") + "'";
    Select select =
        (Select) assertParsesQuickly("select * from cpu where host = " + quoted + " limit 1");
    Comparison comparison = assertInstanceOf(Comparison.class, select.where().orElseThrow());
    assertEquals(new StringLiteral(content), comparison.value());
    assertRoundTripsQuickly(select);

    SqlParseException unterminated =
        assertRejectedQuickly(
            () -> "select * from cpu where host = '" + "a''b".repeat(HUGE * 2),
            SqlErrorCode.UNTERMINATED_STRING);
    assertEquals(1, unterminated.line());
    assertEquals(32, unterminated.column());

    String name = "h" + "_x9".repeat(HUGE);
    assertRoundTripsQuickly(assertParsesQuickly("select " + name + " from " + name));
    assertRoundTripsQuickly(
        assertParsesQuickly("/*" + "*-'".repeat(HUGE) + "*/ show metrics --" + "x".repeat(HUGE)));

    StringBuilder items = new StringBuilder("select ");
    for (int i = 0; i < HUGE; i++) {
      items.append(i == 0 ? "" : ", ").append("c").append(i);
    }
    assertRoundTripsQuickly(assertParsesQuickly(items + " from cpu"));

    assertRejectedQuickly(
        () -> "select * from cpu where value = " + "- ".repeat(HUGE) + "5",
        SqlErrorCode.SYNTAX_ERROR);
    SqlParser parser = new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH);
    assertEquals(List.of(), assertTimeout(QUICKLY, () -> parser.parseScript(";".repeat(HUGE))));
  }

  /**
   * Runs of one or two characters, as long as a statement may be: each is answered in a time that
   * grows with its length, not with its square. The lexer reads the whole text before the parser
   * starts, so these find a lexer rule that scans to the end of the text again and again.
   */
  @Test
  @Order(Integer.MAX_VALUE) // last: a run that times out goes on in the background until it ends
  void longRunsOfOneOrTwoCharactersAreHandledQuickly() {
    SqlParser.parse("select * from cpu where host like 'a$'"); // loads the parser
    List<String> units =
        List.of(
            "\\", "/* ", "$", "a", "1", "_", ".", "'", "''", "\"", "/", "*", "/*", "*/", "-",
            "--\n", "+", "(", ")", "=", "<", ">", "!", ",", ";", "e", "#", " ", "\n", "1.", "1e",
            "e1", ".1", "a$", "$\\", "( ", "not ", "' ");
    List<String> slow = new ArrayList<>();
    for (String unit : units) {
      String sql = unit.repeat(RUN_LENGTH / unit.length());
      try {
        Outcome outcome =
            assertTimeoutPreemptively(RUN_TIME, () -> ParseOracle.attempt(SqlParser::parse, sql));
        if (outcome instanceof Crashed c) {
          slow.add(quote(unit) + " x " + RUN_LENGTH / unit.length() + " crashes: " + c.error());
        }
      } catch (AssertionFailedError e) {
        slow.add(
            quote(unit)
                + ".repeat("
                + RUN_LENGTH / unit.length()
                + ") takes longer than "
                + RUN_TIME.toMillis()
                + " ms");
      }
    }
    assertTrue(slow.isEmpty(), "not answered quickly:\n  " + String.join("\n  ", slow));
  }

  /** Linear work on 40 000 characters takes milliseconds; quadratic work takes seconds. */
  private static final int RUN_LENGTH = 40_000;

  private static final Duration RUN_TIME = Duration.ofMillis(300);

  private static Statement assertParsesQuickly(String sql) {
    Outcome outcome = assertTimeout(QUICKLY, () -> ParseOracle.attempt(SqlParser::parse, sql));
    return assertInstanceOf(Parsed.class, outcome, () -> describe(outcome)).statement();
  }

  private static void assertRoundTripsQuickly(Statement statement) {
    String problem = assertTimeout(QUICKLY, () -> ParseOracle.roundTripProblem(statement));
    assertEquals(null, problem, () -> "round trip failed: " + problem);
  }

  private static SqlParseException assertRejectedQuickly(Supplier<String> sql, SqlErrorCode code) {
    String text = sql.get();
    Outcome outcome = assertTimeout(QUICKLY, () -> ParseOracle.attempt(SqlParser::parse, text));
    Rejected rejected = assertInstanceOf(Rejected.class, outcome, () -> describe(outcome));
    assertEquals(code, rejected.error().code(), () -> rejected.error().getMessage());
    assertEquals(null, ParseOracle.positionProblem(text, rejected.error()));
    return rejected.error();
  }

  private static String describe(Outcome outcome) {
    return switch (outcome) {
      case Parsed p -> "parsed " + quote(p.input());
      case Rejected r -> r.error().getMessage() + " on " + quote(r.input());
      case Crashed c -> "crashed with " + c.error() + " on " + quote(c.input());
    };
  }
}
