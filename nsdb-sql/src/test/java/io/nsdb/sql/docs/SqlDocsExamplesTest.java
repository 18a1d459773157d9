package io.nsdb.sql.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/sql.md honest: every example in it is run through the parser.
 *
 * <ul>
 *   <li>{@code ```sql} blocks: every statement (split with {@link SqlParser#parseScript}) parses,
 *       and its canonical text parses back to an equal tree.
 *   <li>{@code ```sql-error} blocks: one or more statements, each followed by a line {@code --
 *       error: <message>}; parsing the statement throws a {@link SqlParseException} with exactly
 *       that {@code getMessage()}.
 *   <li>{@code ```sql-canonical} blocks: one or more statements, each followed by a line {@code --
 *       canonical: <text>}; {@link SqlFormatter#format} writes exactly that text.
 *   <li>{@code ```sql-same} blocks: two or more statements that parse to equal trees.
 *   <li>Tables headed {@code | Code | Example | Message |}: each row's example fails with that code
 *       and exactly that message.
 * </ul>
 *
 * Together the error blocks and tables must show every {@link SqlErrorCode}.
 */
class SqlDocsExamplesTest {

  private static final String DOC = "docs/sql.md";
  private static final String ERROR_PREFIX = "-- error: ";
  private static final String CANONICAL_PREFIX = "-- canonical: ";
  private static final Set<String> KINDS = Set.of("sql", "sql-error", "sql-canonical", "sql-same");
  private static final String TABLE_HEADER = "| Code | Example | Message |";
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

  private static Path doc;
  private static List<Block> blocks;
  private static List<TableRow> rows;

  /** A fenced block: its info string, the line of its first content line, its content lines. */
  record Block(String kind, int firstLine, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }

  /** One statement of a block followed by its expectation line. */
  record Example(int line, String statement, String expected) {}

  /** One row of an error-code table. */
  record TableRow(int line, String code, String example, String message) {}

  @BeforeAll
  static void readDocument() throws IOException {
    doc = locate();
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    blocks = fencedBlocks(lines);
    rows = tableRows(lines);
  }

  /** Maven runs tests in the module directory; look there and in every directory above it. */
  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DOC);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        DOC + " not found from " + Path.of("").toAbsolutePath() + " or any directory above it");
  }

  private static List<Block> fencedBlocks(List<String> lines) {
    List<Block> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("```")) {
        continue;
      }
      String info = line.substring(3).strip();
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException(DOC + ":" + (i + 1) + ": code block is never closed");
      }
      found.add(new Block(info, start + 1, List.copyOf(lines.subList(start, end))));
      i = end;
    }
    return found;
  }

  private static List<TableRow> tableRows(List<String> lines) {
    List<TableRow> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals(TABLE_HEADER)) {
        continue;
      }
      // Skip the header and its |---| separator; the table ends at the first non-table line.
      for (int r = i + 2; r < lines.size() && lines.get(r).startsWith("|"); r++) {
        found.add(tableRow(r + 1, lines.get(r)));
      }
    }
    return found;
  }

  private static TableRow tableRow(int lineNumber, String line) {
    String[] cells = line.strip().split("(?<!\\\\)\\|", -1);
    // A row "| a | b | c |" splits into "", a, b, c, "".
    if (cells.length != 5) {
      throw new IllegalStateException(
          DOC + ":" + lineNumber + ": expected three cells in error table row: " + line);
    }
    return new TableRow(
        lineNumber,
        codeSpan(cells[1], lineNumber),
        codeSpan(cells[2], lineNumber),
        codeSpan(cells[3], lineNumber));
  }

  private static String codeSpan(String cell, int lineNumber) {
    Matcher m = CODE_SPAN.matcher(cell);
    if (!m.find()) {
      throw new IllegalStateException(DOC + ":" + lineNumber + ": cell without code span: " + cell);
    }
    // In a table, a literal | is written \| even inside a code span.
    return m.group(1).replace("\\|", "|");
  }

  /** Statements followed by a {@code prefix} line, e.g. {@code -- error: ...}. */
  private static List<Example> examples(Block block, String prefix) {
    List<Example> examples = new ArrayList<>();
    List<String> statement = new ArrayList<>();
    int statementLine = block.firstLine();
    for (int i = 0; i < block.lines().size(); i++) {
      String line = block.lines().get(i);
      if (line.startsWith(prefix)) {
        String text = String.join("\n", statement).strip();
        if (text.isEmpty()) {
          throw new IllegalStateException(
              DOC + ":" + (block.firstLine() + i) + ": '" + prefix + "' without a statement");
        }
        examples.add(new Example(statementLine, text, line.substring(prefix.length())));
        statement.clear();
      } else {
        if (statement.isEmpty() && line.isBlank()) {
          continue;
        }
        if (statement.isEmpty()) {
          statementLine = block.firstLine() + i;
        }
        statement.add(line);
      }
    }
    if (!String.join("\n", statement).isBlank()) {
      throw new IllegalStateException(
          DOC + ":" + statementLine + ": statement without a following '" + prefix + "' line");
    }
    if (examples.isEmpty()) {
      throw new IllegalStateException(DOC + ":" + block.firstLine() + ": empty " + block.kind());
    }
    return examples;
  }

  private static String where(int line) {
    return "sql.md:" + line;
  }

  @Test
  void everySqlFlavouredBlockHasAKnownKind() {
    for (Block block : blocks) {
      if (block.kind().startsWith("sql")) {
        assertTrue(
            KINDS.contains(block.kind()),
            () -> where(block.firstLine()) + ": unknown block kind '" + block.kind() + "'");
      }
    }
  }

  @Test
  void theDocumentHasExamplesOfEveryKind() {
    for (String kind : KINDS) {
      assertTrue(
          blocks.stream().anyMatch(b -> b.kind().equals(kind)),
          () -> "no ```" + kind + " block in " + doc);
    }
    assertFalse(rows.isEmpty(), () -> "no '" + TABLE_HEADER + "' table in " + doc);
  }

  @TestFactory
  Stream<DynamicTest> sqlBlocksParse() {
    return blocks.stream()
        .filter(b -> b.kind().equals("sql"))
        .map(
            block ->
                dynamicTest(
                    where(block.firstLine()),
                    () -> {
                      List<Statement> statements = parseScript(block);
                      assertFalse(
                          statements.isEmpty(), where(block.firstLine()) + ": no statement");
                      for (Statement statement : statements) {
                        String canonical = SqlFormatter.format(statement);
                        assertEquals(
                            statement,
                            SqlParser.parse(canonical),
                            where(block.firstLine())
                                + ": canonical text parses differently: "
                                + canonical);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> errorExamplesFailWithTheDocumentedMessage() {
    return blocks.stream()
        .filter(b -> b.kind().equals("sql-error"))
        .flatMap(block -> examples(block, ERROR_PREFIX).stream())
        .map(
            example ->
                dynamicTest(
                    where(example.line()),
                    () -> {
                      SqlParseException e =
                          assertThrows(
                              SqlParseException.class,
                              () -> SqlParser.parse(example.statement()),
                              where(example.line()) + ": parses, but is documented to fail");
                      assertEquals(example.expected(), e.getMessage(), where(example.line()));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> canonicalExamplesFormatAsDocumented() {
    return blocks.stream()
        .filter(b -> b.kind().equals("sql-canonical"))
        .flatMap(block -> examples(block, CANONICAL_PREFIX).stream())
        .map(
            example ->
                dynamicTest(
                    where(example.line()),
                    () ->
                        assertEquals(
                            example.expected(),
                            SqlFormatter.format(parse(example.statement(), example.line())),
                            where(example.line()))));
  }

  @TestFactory
  Stream<DynamicTest> sameBlocksParseToEqualTrees() {
    return blocks.stream()
        .filter(b -> b.kind().equals("sql-same"))
        .map(
            block ->
                dynamicTest(
                    where(block.firstLine()),
                    () -> {
                      List<Statement> statements = parseScript(block);
                      assertTrue(
                          statements.size() >= 2,
                          where(block.firstLine()) + ": needs two or more statements");
                      for (Statement statement : statements) {
                        assertEquals(statements.get(0), statement, where(block.firstLine()));
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> errorTableRowsFailWithTheDocumentedCodeAndMessage() {
    return rows.stream()
        .map(
            row ->
                dynamicTest(
                    where(row.line()) + " " + row.code(),
                    () -> {
                      SqlParseException e =
                          assertThrows(
                              SqlParseException.class,
                              () -> SqlParser.parse(row.example()),
                              where(row.line()) + ": parses, but is documented to fail");
                      assertEquals(row.code(), e.code().name(), where(row.line()));
                      assertEquals(row.message(), e.getMessage(), where(row.line()));
                    }));
  }

  @Test
  void everyErrorCodeIsShownByAnExample() {
    Set<SqlErrorCode> shown = EnumSet.noneOf(SqlErrorCode.class);
    for (TableRow row : rows) {
      shown.add(SqlErrorCode.valueOf(row.code()));
    }
    for (Block block : blocks) {
      if (block.kind().equals("sql-error")) {
        for (Example example : examples(block, ERROR_PREFIX)) {
          try {
            SqlParser.parse(example.statement());
          } catch (SqlParseException e) {
            shown.add(e.code());
          }
        }
      }
    }
    Set<SqlErrorCode> missing = EnumSet.complementOf(EnumSet.copyOf(shown));
    assertTrue(
        missing.isEmpty(), () -> "error codes without an example in " + DOC + ": " + missing);
  }

  private static List<Statement> parseScript(Block block) {
    try {
      return new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH).parseScript(block.text());
    } catch (SqlParseException e) {
      // Point at the document line, not the line inside the block.
      return fail(
          where(block.firstLine() + e.line() - 1) + ": " + e.getMessage() + " (" + e.code() + ")");
    }
  }

  private static Statement parse(String statement, int line) {
    try {
      Statement parsed = SqlParser.parse(statement);
      assertNotNull(parsed);
      return parsed;
    } catch (SqlParseException e) {
      return fail(where(line + e.line() - 1) + ": " + e.getMessage() + " (" + e.code() + ")");
    }
  }
}
