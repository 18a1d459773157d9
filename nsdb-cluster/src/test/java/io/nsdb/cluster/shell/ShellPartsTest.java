package io.nsdb.cluster.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shell's small pure parts: statement splitting, the progress line, CSV cells. */
class ShellPartsTest {

  @Test
  void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
    List<StatementSplitter.Piece> pieces =
        StatementSplitter.split(
            "select 'a;b' from cpu; -- one; two\n\ninsert into x /* ; */ val = 1;\nshow metrics");

    assertEquals(
        List.of(
            new StatementSplitter.Piece("select 'a;b' from cpu", 1),
            new StatementSplitter.Piece("insert into x /* ; */ val = 1", 3),
            new StatementSplitter.Piece("show metrics", 4)),
        pieces);
  }

  @Test
  void aStatementIsCompleteOnlyWhenItsSemicolonIsOutsideQuotesAndComments() {
    assertTrue(StatementSplitter.isComplete("select * from cpu;\n"));
    assertTrue(StatementSplitter.isComplete("select * from cpu; -- done\n"));
    assertTrue(StatementSplitter.isComplete("  \n"));
    assertFalse(StatementSplitter.isComplete("select * from cpu\n"));
    assertFalse(StatementSplitter.isComplete("select * from cpu where host = 'a;\n"));
    assertFalse(StatementSplitter.isComplete("select * from cpu /* ;\n"));
    assertFalse(StatementSplitter.isComplete("show metrics; select"));
  }

  @Test
  void progressLineShowsShareRateAndEta() {
    AtomicLong now = new AtomicLong(0);
    ProgressBar bar = new ProgressBar(1000, now::get);

    now.set(TimeUnit.SECONDS.toNanos(2));

    assertEquals(
        "[#####...............]  25%  5,000 points  2,500 points/s  ETA 6s", bar.render(250, 5000));
    assertEquals(
        "[####################] 100%  20,000 points  10,000 points/s", bar.render(1000, 20000));
    assertEquals("2m05s", ProgressBar.duration(125));
    assertEquals("1h02m", ProgressBar.duration(3720));
  }

  @Test
  void csvCellsKeepQuotedTextApart() {
    assertEquals(
        List.of(
            new CsvCells.Cell("a", false),
            new CsvCells.Cell("b, \"c\"", true),
            new CsvCells.Cell("", false)),
        CsvCells.split("a,\"b, \"\"c\"\"\","));
    assertThrows(IllegalArgumentException.class, () -> CsvCells.split("a,\"b"));
  }
}
