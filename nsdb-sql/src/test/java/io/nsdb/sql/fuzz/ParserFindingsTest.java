package io.nsdb.sql.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Describe;
import io.nsdb.sql.tree.DropMetric;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Insert;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Use;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Small, fixed reproducers of what the fuzz tests found, so that each finding is named and fails on
 * its own until the parser is fixed, whatever seed the fuzz tests draw.
 */
class ParserFindingsTest {

  /**
   * Only columns named {@code value} or {@code timestamp} are the built-in columns and come out in
   * lower case. A metric, a database or a namespace is a name like any other and keeps its case:
   * {@code FROM TIMESTAMP} and {@code FROM timestamp} are two metrics.
   */
  @Test
  void metricDatabaseAndNamespaceNamesKeepTheirCase() {
    Select select =
        assertInstanceOf(
            Select.class, SqlParser.parse("select VALUE from TIMESTAMP where Value = 1"));
    Delete delete =
        assertInstanceOf(
            Delete.class, SqlParser.parse("delete from Value where TimeStamp is null"));
    Insert insert =
        assertInstanceOf(
            Insert.class, SqlParser.parse("insert into Timestamp dim (h = 1) val = 1"));
    Use use = assertInstanceOf(Use.class, SqlParser.parse("use Value.TIMESTAMP"));
    Describe describe = assertInstanceOf(Describe.class, SqlParser.parse("describe VALUE"));
    DropMetric drop = assertInstanceOf(DropMetric.class, SqlParser.parse("drop metric TimeStamp"));
    assertAll(
        // The columns of these statements are the built-in ones, in lower case...
        () ->
            assertEquals(
                "value",
                assertInstanceOf(ColumnItem.class, select.items().get(0)).column().value()),
        () ->
            assertEquals(
                "value",
                assertInstanceOf(Comparison.class, select.where().orElseThrow()).column().value()),
        () ->
            assertEquals(
                "timestamp", assertInstanceOf(NullCheck.class, delete.where()).column().value()),
        // ... while the names of metrics, databases and namespaces are as written.
        () -> assertEquals("TIMESTAMP", select.metric().value(), "SELECT ... FROM TIMESTAMP"),
        () -> assertEquals("Value", delete.metric().value(), "DELETE FROM Value"),
        () -> assertEquals("Timestamp", insert.metric().value(), "INSERT INTO Timestamp"),
        () -> assertEquals(Optional.of("Value"), use.database().map(Identifier::value), "USE db"),
        () -> assertEquals("TIMESTAMP", use.namespace().value(), "USE db.namespace"),
        () -> assertEquals("VALUE", describe.metric().value(), "DESCRIBE VALUE"),
        () -> assertEquals("TimeStamp", drop.metric().value(), "DROP METRIC TimeStamp"));
  }

  /**
   * The parentheses of {@code IN (a, b)} do not count toward the depth, but the token pre-check
   * still lets their {@code )} take one level off: {@code (a IN (1, 2) AND (a IN (1, 2) AND ...}
   * never looks deeper than one, so ANTLR recurses once per level and, on a long enough statement,
   * overflows the stack. The error then comes from the last line of defence, at 1:1 and without the
   * depth, instead of at the first parenthesis past the limit.
   */
  @Test
  void parenthesesOfInRangesDoNotHideConditionNesting() {
    int levels = 100_000;
    String level = "(a in (1, 2) and ";
    String prefix = "select * from cpu where ";
    String sql = prefix + level.repeat(levels) + "b = 1" + ")".repeat(levels);
    SqlParseException error =
        assertThrows(
            SqlParseException.class,
            () -> assertTimeout(Duration.ofSeconds(10), () -> SqlParser.parse(sql)));
    int column = prefix.length() + SqlParser.DEFAULT_MAX_NESTING_DEPTH * level.length() + 1;
    assertEquals(SqlErrorCode.NESTING_TOO_DEEP, error.code());
    assertEquals(
        "line 1:" + column + ": condition nested too deeply [depth=65, max=64]",
        error.getMessage());
  }

  /**
   * NOTs count toward the depth as parentheses do, but the token pre-check that runs before parsing
   * sees only the parentheses. When NOTs take a condition past the limit and parentheses follow,
   * the error points at a parenthesis further on, past where the limit was crossed.
   */
  @Test
  void nestingErrorPointsAtTheNotsThatCrossTheLimit() {
    String sql = "select * from cpu where not not not not ((((a = 1))))";
    SqlParseException error =
        assertThrows(SqlParseException.class, () -> new SqlParser(3).parseStatement(sql));
    assertEquals(SqlErrorCode.NESTING_TOO_DEEP, error.code());
    // The run of NOTs starts at column 25 and its fourth NOT, the first level past 3, is at 37;
    // the parentheses start at 41.
    int firstNot = sql.indexOf("not") + 1;
    int fourthNot = sql.lastIndexOf("not") + 1;
    assertTrue(
        error.column() >= firstNot && error.column() <= fourthNot,
        () ->
            "expected the error among the NOTs (columns "
                + firstNot
                + ".."
                + fourthNot
                + "): "
                + error.getMessage());
  }
}
