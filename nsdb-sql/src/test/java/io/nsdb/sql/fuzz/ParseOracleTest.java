package io.nsdb.sql.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Select;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The fuzz test's checks must catch what they claim to: here they are shown failures. */
class ParseOracleTest {

  @Test
  void crashesAreRecordedAndShrunk() {
    ParseOracle oracle =
        new ParseOracle(
            sql -> {
              if (sql.contains("!!")) {
                throw new IllegalStateException("not a SqlParseException");
              }
              return SqlParser.parse(sql);
            });
    oracle.check("select * from cpu where host = 'a!!b' and value > 3");
    oracle.check("select * from cpu");
    assertEquals(1, oracle.parsed());
    assertEquals(1, oracle.failures().size());
    ParseOracle.Failure failure = oracle.failures().get(0);
    assertEquals("!!", failure.input());
    assertTrue(failure.category().startsWith("crash: java.lang.IllegalStateException"));
    AssertionError report = assertThrows(AssertionError.class, oracle::assertNoFailures);
    assertTrue(report.getMessage().contains("reproducer: \"!!\""), report.getMessage());
  }

  @Test
  void treesThatDoNotSurviveFormattingAreCaught() {
    Select unparseable =
        new Select(
            false,
            List.of(AllColumns.of()),
            Identifier.of("select"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty());
    String problem = ParseOracle.roundTripProblem(unparseable);
    assertTrue(problem.startsWith("formatted text is rejected: SYNTAX_ERROR"), problem);
    assertNull(ParseOracle.roundTripProblem(SqlParser.parse("select * from cpu limit 3")));
  }

  @Test
  void errorPositionsOutsideTheTextAreCaught() {
    String sql = "select *\nfrom cpu";
    assertNull(ParseOracle.positionProblem(sql, error(2, 9)));
    assertNull(ParseOracle.positionProblem(sql, error(1, 9)));
    assertTrue(ParseOracle.positionProblem(sql, error(1, 10)).startsWith("column 10"));
    assertTrue(ParseOracle.positionProblem(sql, error(3, 1)).startsWith("line 3"));
    assertTrue(ParseOracle.positionProblem(sql, error(0, 0)).contains("not 1-based"));
  }

  @Test
  void expectingListsOutOfOrderAreCaught() {
    SqlParseException good =
        new SqlParseException(
            SqlErrorCode.SYNTAX_ERROR,
            new SourcePosition(1, 18),
            "mismatched input 'x'. Expecting: ';', <EOF>",
            List.of("';'", "<EOF>"));
    assertNull(ParseOracle.expectingProblem(good));
    SqlParseException eofFirst =
        new SqlParseException(
            SqlErrorCode.SYNTAX_ERROR,
            new SourcePosition(1, 18),
            "mismatched input 'x'. Expecting: <EOF>, ';'",
            List.of("<EOF>", "';'"));
    assertTrue(ParseOracle.expectingProblem(eofFirst).startsWith("<EOF> is not the last"));
    SqlParseException twice =
        new SqlParseException(
            SqlErrorCode.SYNTAX_ERROR,
            new SourcePosition(1, 18),
            "mismatched input 'x'. Expecting: ',', ','",
            List.of("','", "','"));
    assertTrue(ParseOracle.expectingProblem(twice).startsWith("a token is expected twice"));
    assertNull(ParseOracle.expectingProblem(error(1, 1)));
    // From the parser itself: after a whole statement, ';' and then the end.
    SqlParseException real =
        assertThrows(SqlParseException.class, () -> SqlParser.parse("select * from cpu x"));
    assertNull(ParseOracle.expectingProblem(real), real.getMessage());
    assertEquals("<EOF>", real.expected().get(real.expected().size() - 1), real.getMessage());
  }

  @Test
  void shrinkingKeepsTheFailure() {
    assertEquals("boom", ParseOracle.shrink("xxxxxxboomyyyyyyyyy", s -> s.contains("boom")));
    assertEquals("\"a\\n\\u00E9\"", ParseOracle.quote("a\né"));
  }

  private static SqlParseException error(int line, int column) {
    return new SqlParseException(
        SqlErrorCode.SYNTAX_ERROR, new SourcePosition(line, column), "test");
  }
}
