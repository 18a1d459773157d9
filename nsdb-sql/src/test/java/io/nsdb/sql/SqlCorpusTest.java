package io.nsdb.sql;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nsdb.sql.SqlCorpus.Entry;
import io.nsdb.sql.SqlCorpus.ExpectedError;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the statement corpus in {@code src/test/resources/corpus}: every statement of {@code
 * valid.sql} parses, formats to its pinned canonical text and survives a round trip through the
 * formatter; every statement of {@code invalid.sql} fails with its pinned code and position.
 */
class SqlCorpusTest {

  static List<Entry> valid() {
    return SqlCorpus.valid();
  }

  static List<Entry> invalid() {
    return SqlCorpus.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validStatementParsesToItsCanonicalText(Entry entry) {
    Statement statement = parseOrFail(entry.sql());
    String formatted = SqlFormatter.format(statement);
    entry
        .expectedFormat()
        .ifPresent(expected -> assertEquals(expected, formatted, "canonical text"));
  }

  /** parse(format(parse(s))) equals parse(s), and format is idempotent. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validStatementSurvivesTheRoundTrip(Entry entry) {
    Statement tree = parseOrFail(entry.sql());
    String formatted = SqlFormatter.format(tree);
    Statement reparsed = parseOrFail(formatted);
    assertEquals(tree, reparsed, () -> "tree changed through " + formatted);
    assertEquals(formatted, SqlFormatter.format(reparsed), "format is not idempotent");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidStatementFailsWithItsCodeAndPosition(Entry entry) {
    ExpectedError expected = entry.expectedError().orElseThrow();
    SqlParseException e;
    try {
      Statement statement = SqlParser.parse(entry.sql());
      fail("accepted, as: " + SqlFormatter.format(statement));
      return;
    } catch (SqlParseException thrown) {
      e = thrown;
    }
    SqlParseException error = e;
    assertAll(
        () ->
            assertEquals(
                expected,
                new ExpectedError(error.code(), error.line(), error.column()),
                error::getMessage),
        () -> assertEquals(error.position() + ": " + error.reason(), error.getMessage()),
        () -> assertFalse(error.reason().isBlank(), "empty reason"),
        () ->
            assertEquals(
                error.reason().contains(". Expecting: "),
                !error.expected().isEmpty(),
                "expected() and the Expecting list of the message disagree"));
  }

  /** The whole valid corpus, as one script, gives the statements one by one. */
  @Test
  void validCorpusParsesAsOneScript() {
    List<Entry> entries = valid();
    String script = entries.stream().map(Entry::sql).collect(Collectors.joining("\n;\n"));
    List<Statement> expected = new ArrayList<>();
    for (Entry entry : entries) {
      expected.add(SqlParser.parse(entry.sql()));
    }
    assertEquals(expected, new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH).parseScript(script));
  }

  @Test
  void corpusIsLargeAndEveryEntryIsOfItsKind() {
    List<Entry> valid = valid();
    List<Entry> invalid = invalid();
    assertTrue(valid.size() >= 200, "valid statements: " + valid.size());
    assertTrue(invalid.size() >= 150, "invalid statements: " + invalid.size());
    assertTrue(valid.stream().allMatch(e -> e.expectedError().isEmpty()), "error in valid.sql");
    assertTrue(invalid.stream().allMatch(e -> e.expectedError().isPresent()), "no error given");
    assertTrue(
        invalid.stream().allMatch(e -> e.expectedFormat().isEmpty()), "expect: in invalid.sql");
    long pinned = valid.stream().filter(e -> e.expectedFormat().isPresent()).count();
    assertTrue(pinned * 2 > valid.size(), "canonical text pinned for " + pinned);
  }

  @Test
  void everyErrorCodeIsCoveredAtLeastTwice() {
    Map<SqlErrorCode, Integer> counts = new EnumMap<>(SqlErrorCode.class);
    for (SqlErrorCode code : SqlErrorCode.values()) {
      counts.put(code, 0);
    }
    for (Entry entry : invalid()) {
      counts.merge(entry.expectedError().orElseThrow().code(), 1, Integer::sum);
    }
    assertTrue(counts.values().stream().allMatch(n -> n >= 2), () -> "coverage: " + counts);
  }

  @Test
  void corpusFormatReadsDirectivesNotesAndMultiLineStatements() {
    List<Entry> entries =
        SqlCorpus.parse(
            "test",
            """
            # a note
            -- expect: SELECT * FROM cpu
            select *
            -- a comment that stays
            from cpu
            ;;
            -- error: SYNTAX_ERROR 1:1
            ;;
            -- error: UNTERMINATED_STRING 2:3
              x
            """);
    assertEquals(3, entries.size());
    assertEquals("select *\n-- a comment that stays\nfrom cpu", entries.get(0).sql());
    assertEquals("SELECT * FROM cpu", entries.get(0).expectedFormat().orElseThrow());
    assertEquals(2, entries.get(0).line());
    assertEquals("", entries.get(1).sql());
    assertEquals(
        new ExpectedError(SqlErrorCode.UNTERMINATED_STRING, 2, 3),
        entries.get(2).expectedError().orElseThrow());
    assertEquals("  x", entries.get(2).sql());
    assertThrows(
        IllegalArgumentException.class, () -> SqlCorpus.parse("test", "-- error: nonsense\nx"));
  }

  private static Statement parseOrFail(String sql) {
    try {
      return SqlParser.parse(sql);
    } catch (SqlParseException e) {
      return fail("rejected with " + e.code() + ": " + e.getMessage() + "\n" + sql);
    }
  }
}
